using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

/// <summary>The header alone, as tab completion of -Feature reads it: the columns Read would give, rows unread.</summary>
public sealed class DatasetColumnNamesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("d.csv")]
    [InlineData("d.csv.gz")]
    public void Csv_header_names_with_the_separator_it_uses(string name)
    {
        var path = _temp.Write(name, "site;ENG_ID;pressure\nA;ENG-1;1,5\n");
        Assert.Equal(["site", "ENG_ID", "pressure"], DatasetReader.ReadColumnNames(path));
    }

    [Fact]
    public void Rows_are_not_read_so_a_bad_row_does_not_matter()
    {
        var path = _temp.Write("d.csv", "a,b\nnot a number,1,2,3\n");
        Assert.Equal(["a", "b"], DatasetReader.ReadColumnNames(path));
    }

    [Fact]
    public void A_given_separator_is_used()
    {
        var path = _temp.Write("d.csv", "a;b,c\n1;2,3\n");
        Assert.Equal(["a;b", "c"], DatasetReader.ReadColumnNames(path, CsvDelimiter.Comma));
        Assert.Equal(["a", "b,c"], DatasetReader.ReadColumnNames(path, CsvDelimiter.Semicolon));
    }

    [Fact]
    public void Cmapss_names_as_Read_gives_them()
    {
        var train = TestData.Cmapss("train_FD001.txt.gz");
        Assert.Equal(DatasetReader.Read(train).ColumnNames, DatasetReader.ReadColumnNames(train));
    }

    [Fact]
    public void A_duplicate_header_name_is_the_reader_s_error()
    {
        var path = _temp.Write("d.csv", "a,a\n1,2\n");
        var ex = Assert.Throws<DataException>(() => DatasetReader.ReadColumnNames(path));
        Assert.Contains("appears twice", ex.Message);
    }
}
