using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

public sealed class CmapssReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Column_names_are_unit_cycle_settings_and_21_sensors()
    {
        Assert.Equal(26, CmapssReader.ColumnNames.Count);
        Assert.Equal(["unit", "cycle", "setting1", "setting2", "setting3", "s1"], CmapssReader.ColumnNames.Take(6));
        Assert.Equal("s21", CmapssReader.ColumnNames[^1]);
    }

    [Fact]
    public void Reads_FD001_train_with_run_to_failure_rul()
    {
        var data = CmapssReader.Read(TestData.Cmapss("train_FD001.txt.gz"), addRunToFailureRul: true);

        Assert.Equal(20631, data.RowCount);
        Assert.Equal(27, data.ColumnNames.Count);
        Assert.Equal("rul", data.ColumnNames[^1]);
        var unit = data.Column("unit");
        Assert.Equal(100, unit.Distinct().Count());
        // Unit 1 runs 192 cycles: its first row has 191 cycles left, its last none.
        Assert.Equal(192, unit.Count(u => u == 1));
        Assert.Equal(191, data.Column("rul")[0]);
        Assert.Equal(0, data.Column("rul")[191]);
        // First line: 1 1 -0.0007 -0.0004 100.0 518.67 641.82 ... 23.4190
        Assert.Equal(1, data.Column("cycle")[0]);
        Assert.Equal(-0.0007, data.Column("setting1")[0]);
        Assert.Equal(518.67, data.Column("s1")[0]);
        Assert.Equal(641.82, data.Column("s2")[0]);
        Assert.Equal(23.4190, data.Column("s21")[0]);
        Assert.Null(data.Timestamps);
    }

    [Fact]
    public void Reads_without_rul_by_default()
    {
        var data = CmapssReader.Read(TestData.Cmapss("train_FD001.txt.gz"));
        Assert.Equal(CmapssReader.ColumnNames, data.ColumnNames);
        Assert.False(data.HasColumn("rul"));
    }

    [Fact]
    public void Reads_FD001_test_labelled_from_the_RUL_file()
    {
        var data = CmapssReader.ReadTest(TestData.Cmapss("test_FD001.txt.gz"), TestData.Cmapss("RUL_FD001.txt.gz"));

        Assert.Equal(13096, data.RowCount);
        var unit = data.Column("unit");
        var rul = data.Column("rul");
        Assert.Equal(100, unit.Distinct().Count());
        int lastOfUnit1 = Array.LastIndexOf(unit, 1.0);
        Assert.Equal(112, rul[lastOfUnit1]); // line 1 of RUL_FD001
        Assert.Equal(112 + lastOfUnit1, rul[0]);
        Assert.Equal(20, rul[^1]); // line 100 of RUL_FD001, unit 100's last row
    }

    [Theory]
    [InlineData("FD001", 20631, 100, 13096, 100)]
    [InlineData("FD002", 53759, 260, 33991, 259)]
    [InlineData("FD003", 24720, 100, 16596, 100)]
    [InlineData("FD004", 61249, 249, 41214, 248)]
    public void All_four_sets_have_the_documented_size(string set, int trainRows, int trainUnits, int testRows, int testUnits)
    {
        var train = CmapssReader.Read(TestData.Cmapss($"train_{set}.txt.gz"), addRunToFailureRul: true);
        Assert.Equal(trainRows, train.RowCount);
        Assert.Equal(trainUnits, train.Column("unit").Distinct().Count());
        Assert.Equal(0, train.Column("rul").Min());

        var test = CmapssReader.ReadTest(TestData.Cmapss($"test_{set}.txt.gz"), TestData.Cmapss($"RUL_{set}.txt.gz"));
        Assert.Equal(testRows, test.RowCount);
        Assert.Equal(testUnits, test.Column("unit").Distinct().Count());
        Assert.True(test.Column("rul").Min() >= 6);
    }

    private static string Line(int unit, int cycle, int count = 26, string? replaceS4 = null)
    {
        var fields = new List<string> { unit.ToString(), cycle.ToString() };
        for (int i = 2; i < count; i++)
            fields.Add(i == 8 && replaceS4 is not null ? replaceS4 : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(' ', fields) + "  \n";
    }

    [Fact]
    public void Handles_tabs_crlf_and_blank_lines()
    {
        var path = _temp.Write("mini.txt", Line(1, 1).Replace(' ', '\t').Replace("\n", "\r\n") + "\n" + Line(1, 2) + Line(2, 1));
        var data = CmapssReader.Read(path, addRunToFailureRul: true);
        Assert.Equal(3, data.RowCount);
        Assert.Equal([1.0, 0, 0], data.Column("rul"));
        Assert.Equal(12, data.Column("s4")[0]); // field 9 = 8 * 1.5
    }

    [Theory]
    [InlineData(25, "mini.txt line 2: 25 numbers, expected 26")]
    [InlineData(27, "mini.txt line 2: 27 numbers, expected 26")]
    public void Wrong_number_count_names_the_line(int count, string expected)
    {
        var path = _temp.Write("mini.txt", Line(1, 1) + Line(1, 2, count));
        var e = Assert.Throws<DataException>(() => CmapssReader.Read(path));
        Assert.StartsWith(System.IO.Path.Combine(_temp.Path, expected), e.Message);
        Assert.Equal(2, e.Row);
    }

    [Theory]
    [InlineData("abc", "'abc' is not a number.")]
    [InlineData("nan", "'nan' is not a finite number")]
    [InlineData("-inf", "'-inf' is not a finite number")]
    [InlineData("Infinity", "'Infinity' is not a finite number")]
    public void Bad_number_names_line_and_column(string cell, string expected)
    {
        var path = _temp.Write("mini.txt.gz", Line(1, 1) + Line(1, 2) + Line(1, 3, replaceS4: cell));
        var e = Assert.Throws<DataException>(() => CmapssReader.Read(path));
        Assert.StartsWith($"{path} line 3, column 's4': ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal("s4", e.Column);
    }

    [Fact]
    public void Missing_file_is_object_not_found()
    {
        var path = System.IO.Path.Combine(_temp.Path, "train_FD009.txt");
        var e = Assert.Throws<DataException>(() => CmapssReader.Read(path));
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Empty_file_means_no_data_rows()
    {
        var path = _temp.Write("empty.txt", "\n\n");
        var e = Assert.Throws<DataException>(() => CmapssReader.Read(path));
        Assert.Contains("no data rows", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Test_and_rul_files_of_different_sets_are_an_error()
    {
        var e = Assert.Throws<DataException>(() =>
            CmapssReader.ReadTest(TestData.Cmapss("test_FD001.txt.gz"), TestData.Cmapss("RUL_FD002.txt.gz")));
        Assert.Contains("259", e.Message);
        Assert.Contains("100 units", e.Message);
    }

    [Fact]
    public void Bad_rul_line_is_named()
    {
        var test = _temp.Write("test_X.txt", Line(1, 1) + Line(2, 1));
        var rul = _temp.Write("RUL_X.txt", "10 \nten \n");
        var e = Assert.Throws<DataException>(() => CmapssReader.ReadTest(test, rul));
        Assert.StartsWith($"{rul} line 2, column 'rul': 'ten' is not a number.", e.Message);
    }

    [Fact]
    public void Test_unit_without_a_RUL_line_is_named()
    {
        var test = _temp.Write("test_X.txt", Line(1, 1) + Line(3, 1));
        var rul = _temp.Write("RUL_X.txt", "10 \n7 \n");
        var e = Assert.Throws<DataException>(() => CmapssReader.ReadTest(test, rul));
        Assert.StartsWith($"{test} row 2: unit 3 has no line in {rul}", e.Message);
    }

    [Fact]
    public void Small_test_file_is_labelled()
    {
        var test = _temp.Write("test_X.txt", Line(1, 1) + Line(1, 2) + Line(1, 3) + Line(2, 1));
        var rul = _temp.Write("RUL_X.txt", "10 \n7 \n");
        var data = CmapssReader.ReadTest(test, rul);
        Assert.Equal([12.0, 11, 10, 7], data.Column("rul"));
    }
}
