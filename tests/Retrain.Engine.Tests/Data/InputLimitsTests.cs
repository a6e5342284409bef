using System.IO.Compression;
using System.Text;
using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

/// <summary>
/// Issue 13 item 2: an input over data.max_bytes or data.max_rows, or a row longer than the parser holds, is a typed
/// error naming the file, the line and the key to raise, found while reading (not after the whole file).
/// </summary>
public sealed class InputLimitsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A .gz of <paramref name="header"/> then <paramref name="members"/> copies of one compressed member (a gzip may hold many).</summary>
    private string GzipOfRepeats(string name, string header, string chunk, int members)
    {
        static byte[] Member(string text)
        {
            using var buffer = new MemoryStream();
            using (var gz = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
                gz.Write(Encoding.UTF8.GetBytes(text));
            return buffer.ToArray();
        }
        var path = Path.Combine(_temp.Path, name);
        using var file = File.Create(path);
        file.Write(Member(header));
        var member = Member(chunk);
        for (int i = 0; i < members; i++)
            file.Write(member);
        return path;
    }

    private static string Rows(int count, int start = 0)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
            sb.Append(start + i).Append(",2\n");
        return sb.ToString();
    }

    private static void LimitError(DataException e, string errorId, string source, string key)
    {
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(RetrainErrorKind.LimitsExceeded, e.Kind);
        Assert.Equal(source, e.Source);
        Assert.Contains(source, e.Message);
        Assert.Contains($"raise {key} in the configuration", e.Message);
    }

    // ---- the counting stream ----

    [Fact]
    public void ByteLimitStream_lets_the_limit_through_and_throws_on_the_read_past_it()
    {
        var inner = new MemoryStream(new byte[100]);
        var error = new InvalidOperationException("too large");
        using var limited = new ByteLimitStream(inner, 60, () => error);
        var buffer = new byte[40];
        Assert.Equal(40, limited.Read(buffer, 0, 40));
        Assert.Equal(20, limited.Read(buffer.AsSpan(0, 20)));
        Assert.Equal(60, limited.BytesRead);
        Assert.Same(error, Assert.Throws<InvalidOperationException>(() => limited.ReadByte()));
    }

    [Fact]
    public async Task ByteLimitStream_counts_async_reads_and_an_input_at_the_limit_reads_to_its_end()
    {
        using var limited = new ByteLimitStream(new MemoryStream(new byte[50]), 50, () => new InvalidOperationException());
        var buffer = new byte[64];
        Assert.Equal(50, await limited.ReadAsync(buffer.AsMemory()));
        Assert.Equal(0, limited.Read(buffer, 0, 64));
        Assert.Equal(50, limited.BytesRead);
    }

    // ---- data.max_bytes ----

    [Fact]
    public void A_gzip_that_expands_past_max_bytes_fails_while_reading()
    {
        // 1 GB of rows in about 1 MB of gzip: read to the end it would take minutes and gigabytes.
        var chunk = Rows(100_000);
        var path = GzipOfRepeats("bomb.csv.gz", "a,b\n", chunk, 1_000_000_000 / chunk.Length);
        var limit = 4L << 20;
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path, new DatasetReadOptions { MaxBytes = limit }));
        LimitError(e, "DataTooLarge", path, "data.max_bytes");
        Assert.Contains("more than 4,194,304 bytes once decompressed", e.Message);
    }

    [Fact]
    public void A_gzip_corrupt_past_the_first_rows_is_BadGzip_not_an_AggregateException()
    {
        // Corruption read while rows are parsed in parallel surfaces wrapped; the reader unwraps it.
        var path = _temp.Write("late.csv.gz", "a,b\n" + Rows(300_000));
        var bytes = File.ReadAllBytes(path);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++)
            bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path));
        Assert.Equal("BadGzip", e.ErrorId);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_plain_file_over_max_bytes_fails_before_it_is_read()
    {
        var path = _temp.Write("big.csv", "a,b\n" + Rows(1000));
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(path, new DatasetReadOptions { MaxBytes = 1000 }));
        LimitError(e, "DataTooLarge", path, "data.max_bytes");
        Assert.DoesNotContain("decompressed", e.Message);
    }

    [Fact]
    public void A_file_within_max_bytes_reads()
    {
        var text = "a,b\n" + Rows(1000);
        var path = _temp.Write("fits.csv.gz", text);
        var data = CsvDatasetReader.Read(path, new DatasetReadOptions { MaxBytes = Encoding.UTF8.GetByteCount(text) });
        Assert.Equal(1000, data.RowCount);
    }

    [Fact]
    public void A_cmapss_gzip_over_max_bytes_is_DataTooLarge()
    {
        var path = TestData.Cmapss("train_FD001.txt.gz");
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(path, new DatasetReadOptions { MaxBytes = 100_000 }));
        LimitError(e, "DataTooLarge", path, "data.max_bytes");
    }

    // ---- data.max_rows ----

    [Fact]
    public void A_csv_over_max_rows_names_the_first_line_over()
    {
        var path = _temp.Write("rows.csv.gz", "a,b\n" + Rows(10_000));
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path, new DatasetReadOptions { MaxRows = 5000 }));
        LimitError(e, "DataTooManyRows", path, "data.max_rows");
        Assert.Equal(5002, e.Row); // the header is line 1
        Assert.StartsWith($"{path} line 5002: more than 5,000 rows", e.Message);

        Assert.Equal(10_000, CsvDatasetReader.Read(path, new DatasetReadOptions { MaxRows = 10_000 }).RowCount);
    }

    [Fact]
    public void Rows_outside_the_time_window_do_not_count_against_max_rows()
    {
        var sb = new StringBuilder("time,a\n");
        for (int i = 0; i < 100; i++)
            sb.Append($"2024-01-01T00:{i / 60:00}:{i % 60:00}Z,{i}\n");
        var options = new DatasetReadOptions { TimestampColumn = "time", From = new DateTimeOffset(2024, 1, 1, 0, 1, 30, TimeSpan.Zero), MaxRows = 10 };
        var data = CsvDatasetReader.Read(new StringReader(sb.ToString()), "t.csv", options);
        Assert.Equal(10, data.RowCount);
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(new StringReader(sb.ToString()), "t.csv", options with { MaxRows = 9 }));
        Assert.Equal("DataTooManyRows", e.ErrorId);
        Assert.Equal(101, e.Row);
    }

    [Fact]
    public void A_large_plain_file_reserves_no_more_rows_than_max_rows_allows()
    {
        // The column buffers are sized from the file's length after 1024 rows of 7 characters: about 15 million rows
        // (120 MB) for this 100 MB file. Capped by max_rows, a file that is mostly one wide ignored column cannot
        // make them reserve more than the rows that can be kept.
        var sb = new StringBuilder("a,pad\n");
        var pad = new string('y', 100_000);
        for (int i = 0; i < 2000; i++)
            sb.Append(i).Append(',').Append(i < 1024 ? "x" : pad).Append('\n');
        var path = _temp.Write("padded.csv", sb.ToString());
        long before = GC.GetAllocatedBytesForCurrentThread();
        var data = CsvDatasetReader.Read(path, new DatasetReadOptions { IgnoreColumns = ["pad"], MaxRows = 2000 });
        Assert.Equal(2000, data.RowCount);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20);
    }

    [Fact]
    public void Pipeline_input_over_max_rows_keeps_the_rows_before_it()
    {
        var b = new RecordDatasetBuilder("pipeline input", new DatasetReadOptions { MaxRows = 3 });
        for (int i = 1; i <= 3; i++)
            b.Add([new("a", i), new("b", 2 * i)]);
        var e = Assert.Throws<DataException>(() => b.Add([new("a", 4), new("b", 8)]));
        LimitError(e, "DataTooManyRows", "pipeline input", "data.max_rows");
        Assert.Equal(4, e.Row);
        Assert.StartsWith("pipeline input: input object 4: more than 3 rows", e.Message);
        Assert.Equal(3, b.Count);
        Assert.Equal([1.0, 2, 3], b.Build().Column("a"));
    }

    [Fact]
    public void A_cmapss_file_over_max_rows_names_the_line()
    {
        var path = TestData.Cmapss("train_FD001.txt.gz");
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(path, new DatasetReadOptions { MaxRows = 100 }));
        LimitError(e, "DataTooManyRows", path, "data.max_rows");
        Assert.Equal(101, e.Row);
    }

    // ---- a row longer than the parser holds ----

    private static readonly string LongRow = "5," + new string('9', DataLimits.MaxLineChars + 10) + "\n";

    [Fact]
    public void A_header_too_long_for_the_parser_is_DataLineTooLong_at_line_1()
    {
        var path = GzipOfRepeats("zeros.csv.gz", "", new string('\0', 1 << 20), 20);
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path));
        Assert.Equal("DataLineTooLong", e.ErrorId);
        Assert.Equal(RetrainErrorKind.InvalidData, e.Kind);
        Assert.Equal(1, e.Row);
        Assert.StartsWith($"{path} line 1: the row is longer than 16,777,216 characters", e.Message);
        Assert.IsType<NotSupportedException>(e.InnerException);
    }

    [Fact]
    public void A_data_row_too_long_names_its_line_though_rows_are_parsed_in_parallel()
    {
        // Enough rows before it to fill several parallel batches, and a blank line, which Sep still counts.
        var text = "a,b\n" + Rows(60_000) + "\n" + LongRow + "6,7\n";
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(new StringReader(text), "long.csv"));
        Assert.Equal("DataLineTooLong", e.ErrorId);
        Assert.Equal(60_003, e.Row);
        Assert.StartsWith("long.csv line 60003: ", e.Message);
    }

    [Fact]
    public void A_quote_that_never_closes_is_DataLineTooLong_not_a_parser_exception()
    {
        var text = "a,b\n1,2\n3,\"4\n" + Rows(2_000_000);
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(new StringReader(text), "quote.csv"));
        Assert.Equal("DataLineTooLong", e.ErrorId);
        Assert.Contains("never closed", e.Message);
    }

    [Fact]
    public void A_cmapss_line_too_long_names_its_line()
    {
        var path = _temp.Write("train_FD009.txt", string.Join(' ', Enumerable.Range(1, 26)) + "\n\n" + LongRow);
        var e = Assert.Throws<DataException>(() => DatasetReader.Read(path));
        Assert.Equal("DataLineTooLong", e.ErrorId);
        Assert.Equal(3, e.Row);
    }
}
