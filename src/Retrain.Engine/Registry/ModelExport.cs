using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>Copies a registered version's files out of the store (Save-ModelVersion), checked against the SHA-256 recorded at registration.</summary>
public static class ModelExport
{
    /// <summary>
    /// Writes the files of <paramref name="name"/> version <paramref name="version"/> into <paramref name="destination"/>
    /// and returns its full path. The files are read once and verified in memory
    /// (<see cref="IModelRegistryStore.ReadVersionFiles"/>) and those bytes are written, so what lands in the destination is
    /// exactly what was registered (a file changed in the store is ArtifactTampered and nothing is left behind). A destination that exists and is not empty is refused
    /// (DestinationNotEmpty) unless <paramref name="overwrite"/>, which replaces it.
    /// </summary>
    public static string Export(IRetrainStore store, string name, int version, string destination, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        string target = Path.GetFullPath(destination);
        ModelVersion registered = store.GetVersion(name, version);
        if (File.Exists(target))
            throw new RetrainException("DestinationIsFile", RetrainErrorKind.InvalidArgument,
                $"'{target}' is a file; the destination of {registered.Uri} must be a folder (it is created if missing).", target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !overwrite)
            throw new RetrainException("DestinationNotEmpty", RetrainErrorKind.InvalidOperation,
                $"'{target}' is not empty; choose an empty or new folder for {registered.Uri}, or replace the folder with -Force.", target);

        // The bytes written are the bytes whose digest matched: a file swapped in the store after the check is not exported.
        VerifiedFiles verified = store.ReadVersionFiles(registered);
        string parent = Path.GetDirectoryName(target) ?? target;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".retrain-export-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (relative, bytes) in verified.Files)
            {
                string copy = Path.Combine(staging, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.WriteAllBytes(copy, bytes);
            }
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }
}
