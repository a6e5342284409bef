namespace Retrain.Engine;

/// <summary>What kind of failure an engine error is; the cmdlets map it to an ErrorCategory.</summary>
public enum RetrainErrorKind
{
    InvalidData,
    InvalidArgument,
    ObjectNotFound,
    InvalidConfiguration,
    ResourceUnavailable,
    SecurityError,
    InvalidOperation,

    /// <summary>An input over a configured limit (rows, bytes): the message names the key that raises it.</summary>
    LimitsExceeded,
}

/// <summary>
/// The one base of every error the engine raises on purpose. It names what was wrong
/// (<see cref="Target"/>: a file, column, key or model) so a caller never has to parse the message.
/// </summary>
public class RetrainException : Exception
{
    public RetrainException(string errorId, RetrainErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>A stable identifier for scripts (the FullyQualifiedErrorId prefix in PowerShell).</summary>
    public string ErrorId { get; }

    public RetrainErrorKind Kind { get; }

    public object? Target { get; }
}
