using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

public class RecordDatasetBuilderTests
{
    private static KeyValuePair<string, object?>[] R(params (string Name, object? Value)[] props) =>
        props.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToArray();

    [Fact]
    public void Builds_from_mixed_value_types()
    {
        var b = new RecordDatasetBuilder("pipeline input");
        b.Add(R(("a", 1.5), ("b", 2f), ("c", 3), ("d", 4L), ("e", (short)5), ("f", (byte)6), ("g", 7.25m), ("h", "8.5")));
        b.Add(R(("a", " -1e3 "), ("b", 0.5), ("c", (sbyte)-3), ("d", 9UL), ("e", (ushort)1), ("f", 2U), ("g", "1"), ("h", 0)));
        Assert.Equal(2, b.Count);

        var data = b.Build();
        Assert.Equal("pipeline input", data.Source);
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], data.ColumnNames);
        Assert.Equal([1.5, -1000], data.Column("a"));
        Assert.Equal([2.0, 0.5], data.Column("b"));
        Assert.Equal([3.0, -3], data.Column("c"));
        Assert.Equal([4.0, 9], data.Column("d"));
        Assert.Equal([7.25, 1], data.Column("g"));
        Assert.Equal([8.5, 0], data.Column("h"));
        Assert.Null(data.Timestamps);
    }

    [Fact]
    public void First_record_fixes_the_columns_later_ones_may_reorder_or_add()
    {
        var b = new RecordDatasetBuilder("in", new() { IgnoreColumns = ["name"] });
        b.Add(R(("x", 1), ("name", "pump 1"), ("y", 2)));
        b.Add(R(("Y", 4), ("X", 3), ("extra", "whatever")));
        var data = b.Build();
        Assert.Equal(["x", "y"], data.ColumnNames);
        Assert.Equal([1.0, 3], data.Column("x"));
        Assert.Equal([2.0, 4], data.Column("y"));
    }

    [Fact]
    public void Only_columns_and_timestamps_of_each_kind()
    {
        var b = new RecordDatasetBuilder("in", new() { TimestampColumn = "time", OnlyColumns = ["s2"] });
        b.Add(R(("time", new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(1))), ("s1", 1), ("s2", 10)));
        b.Add(R(("time", new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Unspecified)), ("s1", 2), ("s2", 20)));
        b.Add(R(("time", new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc)), ("s1", 3), ("s2", 30)));
        b.Add(R(("time", "2024-01-04T00:00:00Z"), ("s1", "x"), ("s2", "40")));
        var data = b.Build();
        Assert.Equal(["s2"], data.ColumnNames);
        Assert.Equal("time", data.TimestampColumn);
        Assert.Equal([10.0, 20, 30, 40], data.Column("s2"));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), data.Timestamps![0].ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), data.Timestamps[1]);
        Assert.Equal(TimeSpan.Zero, data.Timestamps[1].Offset);
        Assert.Equal(new DateTimeOffset(2024, 1, 4, 0, 0, 0, TimeSpan.Zero), data.Timestamps[3]);
    }

    [Fact]
    public void Time_window_keeps_from_inclusive_to_exclusive()
    {
        var b = new RecordDatasetBuilder("in", new()
        {
            TimestampColumn = "t",
            From = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2024, 1, 4, 0, 0, 0, TimeSpan.Zero),
        });
        for (int d = 1; d <= 5; d++)
            b.Add(R(("t", $"2024-01-0{d}"), ("x", d)));
        Assert.Equal(2, b.Count);
        Assert.Equal([2.0, 3], b.Build().Column("x"));
    }

    [Fact]
    public void Empty_window_is_an_error()
    {
        var b = new RecordDatasetBuilder("in", new() { TimestampColumn = "t", To = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        b.Add(R(("t", "2024-01-01"), ("x", 1)));
        var e = Assert.Throws<DataException>(() => b.Build());
        Assert.Equal("EmptyWindow", e.ErrorId);
    }

    [Fact]
    public void No_records_is_an_error()
    {
        var e = Assert.Throws<DataException>(() => new RecordDatasetBuilder("pipeline input").Build());
        Assert.Equal("pipeline input: no input rows.", e.Message);
    }

    private static DataException FailsOnThird(object?[] third, DatasetReadOptions? options = null)
    {
        var b = new RecordDatasetBuilder("in", options);
        b.Add(R(("a", 1), ("s4", 2)));
        b.Add(R(("a", 3), ("s4", 4)));
        var e = Assert.Throws<DataException>(() => b.Add(R(("a", third[0]))));
        Assert.Equal(2, b.Count); // the bad record left nothing behind
        Assert.Equal(2, b.Build().RowCount);
        return e;
    }

    /// <summary>A bad value is kept as the column's fault and raised when the column's numbers are used.</summary>
    private static DataException BadOnThird(object? value)
    {
        var b = new RecordDatasetBuilder("in");
        b.Add(R(("a", 1), ("s4", 2)));
        b.Add(R(("a", 3), ("s4", 4)));
        b.Add(R(("a", 7), ("s4", value)));
        var data = b.Build();
        Assert.Equal([1.0, 3, 7], data.Column("a")); // the other columns are unharmed
        return Assert.Throws<DataException>(() => data.Column("s4"));
    }

    [Theory]
    [InlineData("abc", "in: input object 3, column 's4': 'abc' is not a number.")]
    [InlineData("", "in: input object 3, column 's4': empty value; a number is required.")]
    [InlineData("NaN", "in: input object 3, column 's4': 'NaN' is not a finite number (NaN and infinity are not allowed).")]
    [InlineData("-inf", "in: input object 3, column 's4': '-inf' is not a finite number (NaN and infinity are not allowed).")]
    [InlineData(double.NaN, "in: input object 3, column 's4': 'NaN' is not a finite number (NaN and infinity are not allowed).")]
    [InlineData(double.PositiveInfinity, "in: input object 3, column 's4': 'Infinity' is not a finite number (NaN and infinity are not allowed).")]
    [InlineData(float.NegativeInfinity, "in: input object 3, column 's4': '-Infinity' is not a finite number (NaN and infinity are not allowed).")]
    [InlineData(null, "in: input object 3, column 's4': the value is null; a number is required.")]
    [InlineData(true, "in: input object 3, column 's4': 'True' (a Boolean) is not a number.")]
    public void Bad_value_names_object_column_and_value(object? value, string expected)
    {
        var e = BadOnThird(value);
        Assert.Equal(expected, e.Message);
        Assert.Equal(3, e.Row);
        Assert.Equal("s4", e.Column);
        Assert.Equal("in", e.Source);
    }

    [Fact]
    public void Missing_property_names_object_and_column()
    {
        var e = FailsOnThird([5]); // no s4
        Assert.Equal("in: input object 3 has no property 's4' (input object 1 had it).", e.Message);
        Assert.Equal("MissingColumn", e.ErrorId);
    }

    [Fact]
    public void Bad_timestamp_names_object()
    {
        var b = new RecordDatasetBuilder("in", new() { TimestampColumn = "t" });
        b.Add(R(("t", "2024-01-01"), ("x", 1)));
        var e = Assert.Throws<DataException>(() => b.Add(R(("t", "31/01/2024"), ("x", 2))));
        Assert.StartsWith("in: input object 2, column 't': '31/01/2024' is not an ISO 8601 date/time", e.Message);
        e = Assert.Throws<DataException>(() => b.Add(R(("t", 42), ("x", 2))));
        Assert.StartsWith("in: input object 3, column 't': '42' (a Int32) is not", e.Message);
        e = Assert.Throws<DataException>(() => b.Add(R(("t", null), ("x", 2))));
        Assert.StartsWith("in: input object 4, column 't': the value is null", e.Message);
    }

    [Fact]
    public void First_record_lacking_the_timestamp_or_an_only_column_is_an_error()
    {
        var e = Assert.Throws<DataException>(() => new RecordDatasetBuilder("in", new() { TimestampColumn = "t" }).Add(R(("x", 1))));
        Assert.Contains("input object 1 has no property 't'", e.Message);
        e = Assert.Throws<DataException>(() => new RecordDatasetBuilder("in", new() { OnlyColumns = ["y"] }).Add(R(("x", 1))));
        Assert.Contains("'y'", e.Message);
        Assert.Contains("input object 1", e.Message);
    }

    [Fact]
    public void Window_without_timestamp_column_is_an_argument_error()
    {
        var e = Assert.Throws<DataException>(() => new RecordDatasetBuilder("in", new() { To = DateTimeOffset.UnixEpoch }));
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Build_returns_a_snapshot()
    {
        var b = new RecordDatasetBuilder("in");
        b.Add(R(("x", 1)));
        var first = b.Build();
        b.Add(R(("x", 2)));
        Assert.Equal(1, first.RowCount);
        Assert.Equal([1.0, 2], b.Build().Column("x"));
    }
}
