namespace Retrain.Engine.Data;

/// <summary>
/// How much one input may hold, so a runaway export or a gzip bomb ends in an error naming the limit instead of
/// exhausting memory. The defaults suit a 23 GB machine; the configuration raises them.
/// </summary>
internal static class DataLimits
{
    /// <summary>Rows kept from one input: 5 million rows of 30 numbers are about 1.2 GB of columns.</summary>
    public const int DefaultMaxRows = 5_000_000;

    /// <summary>Bytes of one data file once decompressed (2 GiB).</summary>
    public const long DefaultMaxBytes = 2L << 30;

    public const string MaxRowsKey = "data.max_rows";

    public const string MaxBytesKey = "data.max_bytes";

    /// <summary>The longest row the CSV parser (Sep) holds; a longer one makes it throw.</summary>
    public const int MaxLineChars = 1 << 24;
}
