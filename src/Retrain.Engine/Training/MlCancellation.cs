using System.Reflection;
using Microsoft.ML;

namespace Retrain.Engine.Training;

/// <summary>
/// Stops an ML.NET fit in flight when a token is cancelled. MLContext's CancelExecution is internal (the
/// Microsoft.ML.Experimental package exposes it as an extension, but no build of that package is served for
/// ML.NET 5), so it is found by reflection; the trainers check it between boosting iterations and throw
/// OperationCanceledException. If a later ML.NET drops the method, cancellation still happens between steps.
/// </summary>
internal static class MlCancellation
{
    private static readonly MethodInfo? CancelExecution =
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, Type.EmptyTypes);

    public static CancellationTokenRegistration Link(MLContext ml, CancellationToken cancellation) =>
        CancelExecution is null || !cancellation.CanBeCanceled
            ? default
            : cancellation.Register(() => CancelExecution.Invoke(ml, null));

    internal static bool Supported => CancelExecution is not null;
}
