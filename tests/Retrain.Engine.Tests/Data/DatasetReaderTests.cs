using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("data.csv")]
    [InlineData("DATA.CSV")]
    [InlineData("data.csv.gz")]
    public void Csv_by_extension(string name)
    {
        var path = _temp.Write(name, "a,b\n1,2\n");
        var data = DatasetReader.Read(path);
        Assert.Equal(["a", "b"], data.ColumnNames);
    }

    [Fact]
    public void Csv_options_pass_through()
    {
        var path = _temp.Write("d.csv", "t,a,b\n2024-01-01,1,2\n2024-02-01,3,4\n");
        var data = DatasetReader.Read(path, new() { TimestampColumn = "t", OnlyColumns = ["b"], From = new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal(["b"], data.ColumnNames);
        Assert.Equal([4.0], data.Column("b"));
    }

    [Fact]
    public void Cmapss_train_file_gets_run_to_failure_rul()
    {
        var data = DatasetReader.Read(TestData.Cmapss("train_FD001.txt.gz"));
        Assert.Equal(20631, data.RowCount);
        Assert.Equal(191, data.Column("rul")[0]);
    }

    [Fact]
    public void Cmapss_test_file_is_labelled_from_the_RUL_file_beside_it()
    {
        var data = DatasetReader.Read(TestData.Cmapss("test_FD001.txt.gz"));
        Assert.Equal(13096, data.RowCount);
        Assert.Equal(112, data.Column("rul")[Array.LastIndexOf(data.Column("unit"), 1.0)]);
    }

    [Fact]
    public void Cmapss_test_file_without_RUL_file_has_no_rul()
    {
        var line = string.Join(' ', Enumerable.Range(1, 26)) + " \n";
        var path = _temp.Write("test_FD009.txt", line);
        var data = DatasetReader.Read(path);
        Assert.False(data.HasColumn("rul"));
        Assert.Equal(26, data.ColumnNames.Count);
    }

    [Fact]
    public void Cmapss_columns_can_be_selected()
    {
        var data = DatasetReader.Read(TestData.Cmapss("train_FD001.txt.gz"), new() { OnlyColumns = ["unit", "s2", "rul"], IgnoreColumns = ["unit"] });
        Assert.Equal(["s2", "rul"], data.ColumnNames);
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(TestData.Cmapss("train_FD001.txt.gz"), new() { OnlyColumns = ["s22"] }));
        Assert.Equal("s22", e.Column);
    }

    [Fact]
    public void Cmapss_with_every_column_ignored_is_an_error()
    {
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(TestData.Cmapss("RUL_FD001.txt.gz").Replace("RUL_FD001", "test_FD001"), new() { OnlyColumns = ["s1"], IgnoreColumns = ["s1"] }));
        Assert.Contains("no columns left", e.Message);
    }

    [Fact]
    public void Cmapss_with_a_timestamp_is_an_argument_error()
    {
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(TestData.Cmapss("train_FD001.txt.gz"), new() { TimestampColumn = "time" }));
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Unknown_extension_is_an_error_naming_the_file()
    {
        var path = _temp.Write("data.parquet", "x");
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(path));
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Missing_file_is_object_not_found()
    {
        var path = System.IO.Path.Combine(_temp.Path, "gone.csv.gz");
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(path));
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
        Assert.Equal("FileNotFound", e.ErrorId);
    }
}
