using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

/// <summary>Files from European spreadsheets, tab and pipe exports: the separator is taken from the header.</summary>
public sealed class CsvDelimiterTests
{
    private static Dataset Read(string text, CsvDelimiter delimiter = CsvDelimiter.Auto) =>
        CsvDatasetReader.Read(new StringReader(text), "fleet.csv", new DatasetReadOptions { Delimiter = delimiter });

    [Fact]
    public void A_semicolon_file_with_decimal_commas_reads_as_numbers()
    {
        var data = Read("unit;s2;s3\n1;641,82;1589,7\n2;642,5;-0,25\n");
        Assert.Equal(new[] { "unit", "s2", "s3" }, data.ColumnNames);
        Assert.Equal(new[] { 641.82, 642.5 }, data.Column("s2"));
        Assert.Equal(new[] { 1589.7, -0.25 }, data.Column("s3"));
    }

    [Theory]
    [InlineData("a\tb\n1.5\t2\n")]
    [InlineData("a|b\n1.5|2\n")]
    [InlineData("a,b\n1.5,2\n")]
    public void Tab_pipe_and_comma_are_detected(string text)
    {
        var data = Read(text);
        Assert.Equal(new[] { 1.5 }, data.Column("a"));
        Assert.Equal(new[] { 2.0 }, data.Column("b"));
    }

    [Fact]
    public void A_comma_file_keeps_a_comma_in_a_number_an_error()
    {
        var e = Assert.Throws<DataException>(() => Read("a,b\n\"1,5\",2\n").Column("a"));
        Assert.Equal("a", e.Column);
        Assert.Contains("'1,5' is not a number", e.Message);
    }

    [Fact]
    public void A_thousands_point_is_not_guessed()
    {
        var e = Assert.Throws<DataException>(() => Read("a;b\n1.234,5;2\n").Column("a"));
        Assert.Contains("'1.234,5' is not a number", e.Message);
    }

    [Fact]
    public void A_configured_delimiter_wins_and_a_field_count_error_says_it_was_configured()
    {
        var e = Assert.Throws<DataException>(() => Read("a;b;c\n1;2;3\n4;5\n", CsvDelimiter.Semicolon));
        Assert.Equal("fleet.csv line 3: 2 fields, but the header has 3 (fields were split on ';' (semicolon), as data.delimiter (or -Delimiter) says).", e.Message);
        // Told "comma", a semicolon file is one column named "a;b" whose values are not numbers.
        var wrong = Assert.Throws<DataException>(() => Read("a;b\n1;2\n", CsvDelimiter.Comma).Column("a;b"));
        Assert.Equal("a;b", wrong.Column);
    }

    [Fact]
    public void A_field_count_error_says_which_separator_was_detected()
    {
        var e = Assert.Throws<DataException>(() => Read("unit;s2;s3\n1,2,3\n"));
        Assert.Equal(2, e.Row);
        Assert.Equal("fleet.csv line 2: 1 field, but the header has 3 (fields were split on ';' (semicolon), detected from the header; set data.delimiter (or -Delimiter) if the file uses another).", e.Message);
    }
}
