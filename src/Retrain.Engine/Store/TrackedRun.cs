using Retrain.Engine.Tracking;

namespace Retrain.Engine.Store;

/// <summary>
/// The one tracked-run scope: starts a run, gathers what the body logs into one <see cref="RunBatch"/>, and ends it
/// once: Finished when the body returns, Killed when it is cancelled (<see cref="OperationCanceledException"/>),
/// Failed otherwise with the error's message and type as the <see cref="ErrorMessageTag"/> and <see cref="ErrorTypeTag"/>
/// tags. The end and everything still gathered go to the store in one <see cref="IRetrainStore.LogBatch"/>.
/// </summary>
public sealed class TrackedRun
{
    public const string ErrorMessageTag = Run.ErrorMessageTag;
    public const string ErrorTypeTag = Run.ErrorTypeTag;

    private RunBatch _pending = new();

    /// <summary>The run whose steps are being started (<see cref="ChildrenOf"/>): every run started meanwhile is tagged its child.</summary>
    private static readonly AsyncLocal<string?> Parent = new();

    private TrackedRun(IRetrainStore store, Run run)
    {
        Store = store;
        Started = run;
    }

    public IRetrainStore Store { get; }

    /// <summary>The run as it was started.</summary>
    public Run Started { get; }

    public string RunId => Started.RunId;

    /// <summary>Runs <paramref name="body"/> in a new run of <paramref name="experiment"/>; returns its result and the ended run.</summary>
    public static (T Result, Run Run) Execute<T>(IRetrainStore store, string experiment, string? runName,
        IReadOnlyDictionary<string, string>? tags, Func<TrackedRun, T> body)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(body);
        var tracked = new TrackedRun(store, store.StartRun(experiment, runName, WithParent(tags)));
        T result;
        try
        {
            result = body(tracked);
        }
        catch (OperationCanceledException)
        {
            tracked.EndAfterError(RunStatus.Killed, null);
            throw;
        }
        catch (Exception e)
        {
            tracked.EndAfterError(RunStatus.Failed, e);
            throw;
        }
        tracked._pending.EndStatus = RunStatus.Finished;
        return (result, tracked.Write());
    }

    /// <summary>
    /// Until disposed, every run started on this flow of control (the same thread, or tasks it awaits) is tagged with
    /// <see cref="RunTags.ParentRunId"/> = <paramref name="parentRunId"/>, as MLflow's nested runs are: the retraining
    /// pipeline's steps (drift check, training, comparison, deployment) are logged by the same code as when a cmdlet runs
    /// them alone, and become children of its run without knowing it.
    /// </summary>
    public static IDisposable ChildrenOf(string parentRunId)
    {
        StoreNames.ValidateRunId(parentRunId);
        string? outer = Parent.Value;
        Parent.Value = parentRunId;
        return new Restore(outer);
    }

    private sealed class Restore(string? outer) : IDisposable
    {
        public void Dispose() => Parent.Value = outer;
    }

    private static IReadOnlyDictionary<string, string>? WithParent(IReadOnlyDictionary<string, string>? tags)
    {
        if (Parent.Value is not { } parent || tags?.ContainsKey(RunTags.ParentRunId) == true)
            return tags;
        var withParent = tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(tags);
        withParent[RunTags.ParentRunId] = parent;
        return withParent;
    }

    public TrackedRun Params(IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (key, value) in parameters)
            _pending.Params[key] = value;
        return this;
    }

    public TrackedRun Tags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
            _pending.Tags[key] = value;
        return this;
    }

    public TrackedRun Metrics(IEnumerable<MetricPoint> metrics)
    {
        _pending.Metrics.AddRange(metrics);
        return this;
    }

    /// <summary>Adds a file; the scope owns <paramref name="content"/> and disposes it once written.</summary>
    public TrackedRun Artifact(string path, Stream content)
    {
        _pending.Artifacts.Add(new(path, content));
        return this;
    }

    /// <summary>Writes what was gathered so far (one batch), for steps that need it in the store (e.g. registration).</summary>
    public Run Flush() => Write();

    private Run Write()
    {
        RunBatch batch = _pending;
        _pending = new RunBatch();
        try
        {
            return Store.LogBatch(RunId, batch);
        }
        finally
        {
            foreach (var (_, content) in batch.Artifacts)
                content.Dispose();
        }
    }

    /// <summary>Ends the run after an error; what was gathered is dropped (it may be the cause), and a failure here never hides the error.</summary>
    private void EndAfterError(RunStatus status, Exception? error)
    {
        foreach (var (_, content) in _pending.Artifacts)
            content.Dispose();
        _pending = new RunBatch { EndStatus = status };
        if (error is not null)
        {
            // Parallel loops wrap the error that stopped them: record the cause, not "One or more errors occurred".
            while (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
                error = aggregate.InnerExceptions[0];
            _pending.Tags[ErrorMessageTag] = error.Message;
            _pending.Tags[ErrorTypeTag] = error.GetType().FullName ?? error.GetType().Name;
        }
        try
        {
            Write();
        }
        catch (RetrainException)
        {
        }
        catch (IOException)
        {
        }
    }
}
