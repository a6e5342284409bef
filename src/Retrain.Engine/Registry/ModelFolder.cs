using System.Runtime.InteropServices;

namespace Retrain.Engine.Registry;

/// <summary>
/// The files of a folder about to be copied into the store (a model folder, a run's artifact folder), found before
/// anything is copied. Only regular files and folders are taken: a symbolic link (to a file, a folder, or a loop), a
/// FIFO, a device or a socket is refused with an InvalidArgument error (UnsupportedFileType) naming it, so nothing
/// outside the folder is ever copied in and nothing is half-copied.
/// </summary>
public static class ModelFolder
{
    /// <summary>Every regular file under <paramref name="folder"/> as (path relative to it, '/'-separated; full path), ordinal order.</summary>
    public static IReadOnlyList<(string Relative, string Full)> Walk(string folder)
    {
        string root = Path.GetFullPath(folder);
        CheckEntry(root, expectDirectory: true);
        var files = new List<(string, string)>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string entry in Directory.EnumerateFileSystemEntries(dir))
            {
                if (CheckEntry(entry, expectDirectory: null))
                    pending.Push(entry);
                else
                    files.Add((Path.GetRelativePath(root, entry).Replace(Path.DirectorySeparatorChar, '/'), entry));
            }
        }
        files.Sort((a, b) => StringComparer.Ordinal.Compare(a.Item1, b.Item1));
        return files;
    }

    /// <summary>A single file given to be copied: it must be a regular file (not a link, a FIFO, a device or a socket).</summary>
    public static void CheckFile(string path)
    {
        if (CheckEntry(Path.GetFullPath(path), expectDirectory: false))
            throw Refused(path, "a folder");
    }

    /// <summary>True for a folder, false for a regular file; anything else (a link, a FIFO, a device, a socket) is an error naming it.</summary>
    private static bool CheckEntry(string path, bool? expectDirectory)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            throw Refused(path, $"a symbolic link (to '{info.LinkTarget}')");
        string? kind = SpecialKind(path);
        if (kind is not null)
            throw Refused(path, kind);
        bool isDirectory = info.Attributes.HasFlag(FileAttributes.Directory);
        return isDirectory;
    }

    private static RetrainException Refused(string path, string what) =>
        new("UnsupportedFileType", RetrainErrorKind.InvalidArgument,
            $"'{path}' is {what}; only regular files and folders are copied into the store (nothing was copied). " +
            "Replace the link with a copy of the file, or remove it.", path);

    // .NET reports no file type beyond file/folder/link, and opening a FIFO to look blocks; statx(2) with
    // AT_SYMLINK_NOFOLLOW says what the entry is without opening it. Its struct is the same on every Linux
    // architecture (unlike struct stat), so one declaration serves x64 and arm64. Elsewhere: links only.
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;

    [DllImport("libc", SetLastError = true, EntryPoint = "statx")]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    private static string? SpecialKind(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            return null; // gone or unreadable: the copy that follows reports it
        int mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        return mode switch
        {
            0x8000 or 0x4000 => null,
            0xA000 => "a symbolic link",
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file or folder",
        };
    }
}
