using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>
/// The one resolver of model URIs: finds the version (by number, stage or alias), verifies its files
/// (<see cref="Store.IModelRegistryStore.ReadVersionFiles"/>, in memory) or says where a run artifact or path is. Run artifacts and paths must exist.
/// </summary>
public static class ModelResolver
{
    /// <param name="uri">Any <see cref="ModelUri"/> form.</param>
    /// <param name="store">The store holding registered models and runs.</param>
    /// <param name="baseDirectory">What a relative plain path is relative to; null means the current directory.</param>
    public static ResolvedModel Resolve(string uri, IRetrainStore store, string? baseDirectory = null) =>
        Resolve(ModelUri.Parse(uri), store, baseDirectory);

    public static ResolvedModel Resolve(ModelUri uri, IRetrainStore store, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(store);
        switch (uri.Kind)
        {
            case ModelUriKind.ModelVersion:
                return FromVersion(uri, store, store.GetVersion(uri.ModelName!, uri.Version!.Value));
            case ModelUriKind.ModelStage:
                return FromVersion(uri, store, store.RequireVersionInStage(uri.ModelName!, uri.Stage!.Value));
            case ModelUriKind.ModelAlias:
                return FromVersion(uri, store, store.GetVersionByAlias(uri.ModelName!, uri.Alias!));
            case ModelUriKind.RunArtifact:
                string local = store.MaterializeRunArtifact(uri.RunId!, uri.ArtifactPath!);
                return Local(uri, local, uri.ToString());
            default:
                string full = System.IO.Path.GetFullPath(uri.Path!, baseDirectory ?? Environment.CurrentDirectory);
                if (!File.Exists(full) && !Directory.Exists(full))
                    throw StoreException.NotFound("ModelPathNotFound", $"No model file or folder at '{full}'.", uri.Path!);
                return Local(uri, full, full);
        }
    }

    private static ResolvedModel FromVersion(ModelUri uri, IRetrainStore store, ModelVersion version)
    {
        VerifiedFiles files = store.ReadVersionFiles(version);
        return new ResolvedModel { Version = version, Files = files, Uri = version.Uri, Requested = uri };
    }

    private static ResolvedModel Local(ModelUri uri, string path, string concrete) => new()
    {
        Version = null,
        LocalFolder = Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path)!,
        LocalPath = path,
        Uri = concrete,
        Requested = uri,
    };
}
