using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>Copies a registered version's files out of the store (Save-ModelVersion), checked against the SHA-256 recorded at registration.</summary>
public static class ModelExport
{
    /// <summary>
    /// Writes the files of <paramref name="name"/> version <paramref name="version"/> into <paramref name="destination"/>
    /// and returns its full path. The copy itself is hashed and compared with the registry's digest before it is put in
    /// place, so what lands in the destination is exactly what was registered (a file changed in the store, or while it
    /// was copied, is ArtifactTampered and nothing is left behind). A destination that exists and is not empty is refused
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

        string source = store.MaterializeVersion(registered);
        string parent = Path.GetDirectoryName(target) ?? target;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".retrain-export-{Guid.NewGuid():N}");
        try
        {
            var copied = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                if (Path.GetFileName(file).StartsWith(StoreNames.TempPrefix, StringComparison.Ordinal))
                    continue; // a writer's leftover, not part of the version (the digest skips it too)
                string relative = Path.GetRelativePath(source, file);
                string copy = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
                copied[relative.Replace(Path.DirectorySeparatorChar, '/')] = ArtifactDigest.HashFile(copy);
            }
            if (ArtifactDigest.Compute(copied) != registered.ArtifactSha256)
                throw new StoreException("ArtifactTampered", RetrainErrorKind.SecurityError,
                    $"The files copied from {registered.Uri} do not match the SHA-256 recorded at registration ({registered.ArtifactSha256}); nothing was written to '{target}'. " +
                    "A file changed in the store while it was copied: try again, or re-register the model from a trusted run.", registered.Uri);
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
