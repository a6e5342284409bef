using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

public sealed class CsvDatasetReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Dataset ReadText(string text, DatasetReadOptions? options = null) =>
        CsvDatasetReader.Read(new StringReader(text), "ref.csv", options);

    /// <summary>The error of reading <paramref name="text"/>, or (a bad cell) of using its columns' numbers.</summary>
    private static DataException Fails(string text, DatasetReadOptions? options = null) =>
        Assert.Throws<DataException>(() => UseAll(ReadText(text, options)));

    private static void UseAll(Dataset data)
    {
        foreach (var column in data.ColumnNames)
            data.Column(column);
    }

    [Fact]
    public void Reads_a_small_file_round_trip()
    {
        var path = _temp.Write("ref.csv", "time,s1,s2,note\r\n2024-01-01T00:00:00Z,1.5,-2,a\r\n2024-01-01T01:00:00+01:00,\"3e2\", 4 ,\"b, c\"\r\n");
        var data = CsvDatasetReader.Read(path, new DatasetReadOptions { TimestampColumn = "time", IgnoreColumns = ["note"] });

        Assert.Equal(path, data.Source);
        Assert.Equal(2, data.RowCount);
        Assert.Equal(["s1", "s2"], data.ColumnNames);
        Assert.Equal([1.5, 300], data.Column("s1"));
        Assert.Equal([-2.0, 4], data.Column("s2"));
        Assert.Equal("time", data.TimestampColumn);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), data.Timestamps![0]);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), data.Timestamps![1].ToUniversalTime());
    }

    [Fact]
    public void Reads_gzipped_csv()
    {
        var path = _temp.Write("ref.csv.gz", "a,b\n1,2\n3,4\n");
        var data = CsvDatasetReader.Read(path);
        Assert.Equal([1.0, 3], data.Column("a"));
        Assert.Equal([2.0, 4], data.Column("b"));
    }

    [Fact]
    public void Corrupt_gzip_names_the_file()
    {
        var path = System.IO.Path.Combine(_temp.Path, "bad.csv.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 1, 2, 3]);
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains("bad.csv.gz", e.Message);
    }

    [Fact]
    public void Timestamp_without_offset_is_utc_and_dates_are_midnight()
    {
        var data = ReadText("t,x\n2024-03-01 12:30:00,1\n2024-03-02,2\n2024-03-03T00:00:00.250-05:00,3\n", new() { TimestampColumn = "T" });
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.Zero), data.Timestamps![0]);
        Assert.Equal(TimeSpan.Zero, data.Timestamps[0].Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero), data.Timestamps[1]);
        Assert.Equal(new DateTimeOffset(2024, 3, 3, 5, 0, 0, 250, TimeSpan.Zero), data.Timestamps[2].ToUniversalTime());
        Assert.Equal("t", data.TimestampColumn);
    }

    [Fact]
    public void Handles_bom_blank_lines_and_no_final_newline()
    {
        var data = ReadText("\uFEFFa,b\n1,2\n\n3,4");
        Assert.Equal(["a", "b"], data.ColumnNames);
        Assert.Equal([1.0, 3], data.Column("a"));
    }

    [Fact]
    public void Parses_numbers_with_invariant_culture_and_exponents()
    {
        var data = ReadText("x\n1e5\n-0.25\n+7\n.5\n1.7976931348623157E+308\n 12 \n");
        Assert.Equal([1e5, -0.25, 7, 0.5, double.MaxValue, 12], data.Column("x"));
    }

    [Theory]
    [InlineData("abc", "'abc' is not a number.")]
    [InlineData("1,5", "'1,5' is not a number.")]
    [InlineData("0x10", "'0x10' is not a number.")]
    [InlineData("1.5.2", "'1.5.2' is not a number.")]
    [InlineData("NaN", "'NaN' is not a finite number")]
    [InlineData("nan", "'nan' is not a finite number")]
    [InlineData("inf", "'inf' is not a finite number")]
    [InlineData("-inf", "'-inf' is not a finite number")]
    [InlineData("Infinity", "'Infinity' is not a finite number")]
    [InlineData("-Infinity", "'-Infinity' is not a finite number")]
    [InlineData("∞", "'∞' is not a finite number")]
    [InlineData("1e400", "'1e400' is not a finite number")]
    public void Bad_number_names_file_line_column_and_text(string cell, string expected)
    {
        // The bad cell is on line 3 (the header is line 1), quoted so that "1,5" stays one field.
        var e = Fails($"s1,s4\n1,2\n3,\"{cell}\"\n5,6\n");
        Assert.StartsWith("ref.csv line 3, column 's4': ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal("ref.csv", e.Source);
        Assert.Equal("s4", e.Column);
        Assert.Equal(3, e.Row);
        Assert.Equal(RetrainErrorKind.InvalidData, e.Kind);
    }

    [Fact]
    public void Message_matches_the_documented_form()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 15).Select(i => $"{i},{i}"));
        var e = Fails($"s1,s4\n{lines}\n1,abc\n");
        Assert.Equal("ref.csv line 17, column 's4': 'abc' is not a number.", e.Message);
    }

    [Fact]
    public void Empty_cell_is_an_error()
    {
        var e = Fails("a,b\n1,2\n3,\n");
        Assert.Equal("ref.csv line 3, column 'b': empty value; a number is required.", e.Message);
        Assert.Equal("EmptyValue", e.ErrorId);
    }

    [Fact]
    public void Line_numbers_count_multi_line_quoted_fields()
    {
        var e = Fails("a,note\n1,\"two\nlines\"\nx,ok\n", new() { IgnoreColumns = ["note"] });
        Assert.StartsWith("ref.csv line 4, column 'a': 'x'", e.Message);
    }

    [Fact]
    public void Error_on_the_first_data_row_says_line_2()
    {
        var e = Fails("a,b\nq,2\n");
        Assert.StartsWith("ref.csv line 2, column 'a': 'q'", e.Message);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "ref.csv line 3: 1 field, but the header has 2 (fields were split on ',' (comma), detected from the header; set data.delimiter (or -Delimiter) if the file uses another).")]
    [InlineData("a,b\n1,2\n3,4,5\n", "ref.csv line 3: 3 fields, but the header has 2 (fields were split on ',' (comma), detected from the header; set data.delimiter (or -Delimiter) if the file uses another).")]
    public void Wrong_field_count_names_the_line(string text, string expected)
    {
        var e = Fails(text);
        Assert.Equal(expected, e.Message);
        Assert.Equal(3, e.Row);
    }

    [Fact]
    public void Missing_file_is_object_not_found_naming_the_path()
    {
        var path = System.IO.Path.Combine(_temp.Path, "nope.csv");
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path));
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.Source);
    }

    [Fact]
    public void Missing_folder_is_object_not_found()
    {
        var path = System.IO.Path.Combine(_temp.Path, "no-such-dir", "x.csv");
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path));
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b\n")]
    [InlineData("a,b")]
    [InlineData("a,b\n\n\n")]
    public void Empty_file_or_header_only_means_no_data_rows(string text)
    {
        var path = _temp.Write("empty.csv", text);
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Duplicate_header_names_are_an_error()
    {
        var e = Fails("a,b,A\n1,2,3\n");
        Assert.Equal("ref.csv line 1: column 'A' appears twice in the header (fields 1 and 3).", e.Message);
        Assert.Equal("DuplicateColumn", e.ErrorId);
    }

    [Fact]
    public void Unnamed_column_is_an_error_unless_ignored()
    {
        var e = Fails(",a\n0,1\n");
        Assert.Contains("line 1: field 1 of the header has no name", e.Message);
        var data = ReadText(",a\n0,1\n", new() { IgnoreColumns = [""] });
        Assert.Equal(["a"], data.ColumnNames);
    }

    [Fact]
    public void Ignored_columns_are_never_parsed()
    {
        var data = ReadText("id,label,x\nA-1,hello world,1\nB-2,,2\n", new() { IgnoreColumns = ["id", "LABEL", "not-there"] });
        Assert.Equal(["x"], data.ColumnNames);
        Assert.Equal([1.0, 2], data.Column("x"));
    }

    [Fact]
    public void Only_columns_reads_just_those_plus_the_timestamp()
    {
        var data = ReadText("t,a,b,c\n2024-01-01,1,x,3\n", new() { TimestampColumn = "t", OnlyColumns = ["c", "a"] });
        Assert.Equal(["a", "c"], data.ColumnNames); // file order
        Assert.NotNull(data.Timestamps);
        Assert.False(data.HasColumn("b"));
    }

    [Fact]
    public void Only_columns_naming_a_missing_column_is_an_error_naming_it()
    {
        var e = Fails("a,b\n1,2\n", new() { OnlyColumns = ["a", "s9"] });
        Assert.Equal("s9", e.Column);
        Assert.Contains("'s9'", e.Message);
        Assert.Contains("ref.csv", e.Message);
    }

    [Fact]
    public void Missing_timestamp_column_is_an_error_naming_it()
    {
        var e = Fails("a,b\n1,2\n", new() { TimestampColumn = "when" });
        Assert.Equal("when", e.Column);
        Assert.Contains("'when'", e.Message);
    }

    [Theory]
    [InlineData("01/02/2024")]
    [InlineData("yesterday")]
    [InlineData("2024-13-01")]
    [InlineData("")]
    public void Bad_timestamp_names_line_column_and_text(string cell)
    {
        var e = Fails($"t,x\n2024-01-01,1\n{cell},2\n", new() { TimestampColumn = "t" });
        Assert.StartsWith("ref.csv line 3, column 't': ", e.Message);
        Assert.Contains("ISO 8601", e.Message);
        if (cell.Length > 0)
            Assert.Contains($"'{cell}'", e.Message);
    }

    [Fact]
    public void Time_window_keeps_from_inclusive_to_exclusive()
    {
        var text = "t,x\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n2024-01-04,4\n";
        var data = ReadText(text, new()
        {
            TimestampColumn = "t",
            From = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2024, 1, 4, 0, 0, 0, TimeSpan.Zero),
        });
        Assert.Equal([2.0, 3], data.Column("x"));
        Assert.Equal(2, data.Timestamps!.Length);

        var fromOnly = ReadText(text, new() { TimestampColumn = "t", From = new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal([3.0, 4], fromOnly.Column("x"));
        var toOnly = ReadText(text, new() { TimestampColumn = "t", To = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal([1.0], toOnly.Column("x"));
    }

    [Fact]
    public void Time_window_respects_offsets()
    {
        // 2024-01-02T01:00+02:00 is 2024-01-01T23:00Z: before a From of 2024-01-02Z.
        var data = ReadText("t,x\n2024-01-02T01:00:00+02:00,1\n2024-01-02T01:00:00Z,2\n", new()
        {
            TimestampColumn = "t",
            From = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero),
        });
        Assert.Equal([2.0], data.Column("x"));
    }

    [Fact]
    public void Empty_time_window_is_an_error_showing_the_data_range()
    {
        var e = Fails("t,x\n2024-01-01,1\n2024-01-02,2\n", new() { TimestampColumn = "t", From = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal("EmptyWindow", e.ErrorId);
        Assert.Contains("2024-01-02", e.Message);
    }

    [Fact]
    public void Time_window_without_timestamp_column_is_an_error()
    {
        var e = Fails("a\n1\n", new() { From = DateTimeOffset.UnixEpoch });
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("timestamp", e.Message);
    }

    [Fact]
    public void Time_window_ending_before_it_starts_is_an_error()
    {
        var e = Fails("t,a\n2024-01-01,1\n", new() { TimestampColumn = "t", From = DateTimeOffset.UnixEpoch.AddDays(1), To = DateTimeOffset.UnixEpoch });
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Rows_outside_the_window_are_not_parsed()
    {
        var data = ReadText("t,x\n2020-01-01,junk\n2024-01-01,1\n", new() { TimestampColumn = "t", From = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal([1.0], data.Column("x"));
    }

    [Fact]
    public void Large_input_grows_the_buffers()
    {
        var sb = new System.Text.StringBuilder("a,b\n");
        for (int i = 0; i < 5000; i++)
            sb.Append(i).Append(',').Append(i * 0.5).Append('\n');
        var data = ReadText(sb.ToString());
        Assert.Equal(5000, data.RowCount);
        Assert.Equal(4999, data.Column("a")[4999]);
        Assert.Equal(2499.5, data.Column("b")[4999]);
    }
}
