namespace Retrain.Engine.Data;

/// <summary>Bad input data: names the file (or input), the column and the row where it can.</summary>
public sealed class DataException : RetrainException
{
    public DataException(string errorId, string message, string? source, string? column, long? row = null, Exception? inner = null)
        : this(errorId, RetrainErrorKind.InvalidData, message, source, column, row, inner)
    {
    }

    /// <summary>
    /// An error of another kind than <see cref="RetrainErrorKind.InvalidData"/>, e.g.
    /// <see cref="RetrainErrorKind.ObjectNotFound"/> for a missing file.
    /// </summary>
    public DataException(string errorId, RetrainErrorKind kind, string message, string? source, string? column, long? row = null, Exception? inner = null)
        : base(errorId, kind, message, column ?? source, inner)
    {
        Source = source;
        Column = column;
        Row = row;
    }

    /// <summary>The file path or input description.</summary>
    public new string? Source { get; }

    public string? Column { get; }

    /// <summary>1-based row number (data row for objects, line number for files), when one row is to blame.</summary>
    public long? Row { get; }
}
