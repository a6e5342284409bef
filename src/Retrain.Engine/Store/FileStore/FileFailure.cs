namespace Retrain.Engine.Store.FileStore;

/// <summary>What a file system failure means for the store: worth waiting for, or final.</summary>
internal enum FileFailureKind
{
    /// <summary>Another handle holds the lock (flock EWOULDBLOCK, a Windows sharing or lock violation): wait and retry.</summary>
    LockBusy,

    /// <summary>The store is on a read-only file system (EROFS, Windows ERROR_WRITE_PROTECT): no wait will help.</summary>
    ReadOnly,

    /// <summary>This user may not do it (EACCES, EPERM; .NET raises UnauthorizedAccessException): no wait will help.</summary>
    AccessDenied,

    /// <summary>Anything else (disk full, a file where a folder belongs, an I/O error).</summary>
    Other,
}

/// <summary>
/// Sorts IOExceptions by their error code. On Unix .NET puts the raw errno in <see cref="Exception.HResult"/>
/// (a flock held elsewhere is 11 on Linux, 35 on macOS and BSD); on Windows it is the Win32 error as an HRESULT.
/// </summary>
internal static class FileFailure
{
    private const int ErrorWriteProtect = unchecked((int)0x80070013);
    private const int ErrorSharingViolation = unchecked((int)0x80070020);
    private const int ErrorLockViolation = unchecked((int)0x80070021);
    private const int ErrorAccessDenied = unchecked((int)0x80070005);

    private const int Eperm = 1;
    private const int Eacces = 13;
    private const int Erofs = 30;

    public static FileFailureKind Classify(Exception e)
    {
        if (e is UnauthorizedAccessException)
            return FileFailureKind.AccessDenied;
        if (e is not IOException)
            return FileFailureKind.Other;
        int code = e.HResult;
        if (OperatingSystem.IsWindows())
            return code switch
            {
                ErrorSharingViolation or ErrorLockViolation => FileFailureKind.LockBusy,
                ErrorWriteProtect => FileFailureKind.ReadOnly,
                ErrorAccessDenied => FileFailureKind.AccessDenied,
                _ => FileFailureKind.Other,
            };
        int wouldBlock = OperatingSystem.IsLinux() ? 11 : 35;
        return code switch
        {
            _ when code == wouldBlock => FileFailureKind.LockBusy,
            Erofs => FileFailureKind.ReadOnly,
            Eacces or Eperm => FileFailureKind.AccessDenied,
            _ => FileFailureKind.Other,
        };
    }
}
