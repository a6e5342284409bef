using System.Collections.Concurrent;
using System.Management.Automation;
using Retrain.Engine;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Hosting;

/// <summary>What every Retrain cmdlet shares: the configuration, the store, typed errors, and progress from engine threads.</summary>
public abstract class RetrainCmdlet : PSCmdlet, IDisposable
{
    /// <summary>
    /// <para type="description">Path to a retrain_config.yaml. Default: $env:RETRAIN_CONFIG, else the built-in defaults.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    private RetrainOptions? _options;
    private IRetrainStore? _store;
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<string> _verbose = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled by Ctrl+C, Stop-Job or a stopped runbook (StopProcessing): passed to every long engine loop.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing()
    {
        _stopping.Cancel();
        base.StopProcessing();
    }

    /// <summary>The configuration, loaded and validated once per call.</summary>
    protected RetrainOptions Options => _options ??= Invoke(() => LoadOptions(ConfigPath is null ? null : ResolvePath(ConfigPath), SessionState.Path.CurrentFileSystemLocation.ProviderPath));

    /// <summary>The one way cmdlets and completers load the configuration.</summary>
    internal static RetrainOptions LoadOptions(string? configPath, string workingDirectory)
    {
        var options = ConfigurationLoader.Resolve(configPath);
        options.WorkingDirectory = workingDirectory;
        return options;
    }

    /// <summary>The tracking and registry store named by store.uri (or $env:RETRAIN_STORE_URI), opened once per call.</summary>
    protected IRetrainStore Store => _store ??= OpenStore();

    private IRetrainStore OpenStore()
    {
        var store = Invoke(() => StoreFactory.Open(Options.Store, Options.BaseDirectory));
        store.Warning += _warnings.Enqueue; // may fire on an engine thread: written out on the pipeline thread
        // Opened lazily, often on an engine thread: the message waits for the pipeline thread like a warning.
        _verbose.Enqueue($"Store: {store.Location} ({DescribeOrigin(Options.Store.Origin)}).");
        return store;
    }

    /// <summary>Which store this call uses and why (Get-RetrainStore), without opening it.</summary>
    protected StoreLocation LocateStore() => Invoke(() => StoreFactory.Locate(Options.Store, Options.BaseDirectory, Options.SourcePath));

    internal static string DescribeOrigin(StoreOrigin origin) => origin switch
    {
        StoreOrigin.EnvironmentVariable => $"from $env:{ConfigurationLoader.StoreUriEnvironmentVariable}",
        StoreOrigin.UserDefault => "the per-user default: no configuration file and no $env:RETRAIN_STORE_URI",
        _ => "from store.uri of the configuration file",
    };

    /// <summary>Read options that honour the configured (or given) timestamp column.</summary>
    protected DatasetReadOptions ReadOptions(string? timestampColumn = null, IReadOnlyCollection<string>? onlyColumns = null) =>
        new() { TimestampColumn = timestampColumn ?? Options.Data.TimestampColumn, OnlyColumns = onlyColumns, Cancellation = StopToken, Delimiter = CsvDelimiter,
            MaxRows = Options.Data.MaxRows, MaxBytes = Options.Data.MaxBytes };

    /// <summary>
    /// What a command reads (<see cref="FeatureSelection.ReadPlan"/>): its features, the target and
    /// <paramref name="numberColumns"/> when present, the unit column and <paramref name="labelColumns"/> as categories
    /// (text ids allowed). <paramref name="readAll"/> for commands that score a model, whose columns are known only once it is loaded.
    /// </summary>
    protected DatasetReadOptions ReadPlan(string? timestampColumn, string? targetColumn, IReadOnlyList<string>? features, bool readAll,
        IEnumerable<string?>? numberColumns = null, params string?[] labelColumns) =>
        FeatureSelection.ReadPlan(ReadOptions(timestampColumn), Options.Data, targetColumn ?? Options.Data.TargetColumn, features, numberColumns, labelColumns, readAll);

    /// <summary>The CSV separator to read with: data.delimiter, unless a cmdlet's -Delimiter says otherwise.</summary>
    protected virtual CsvDelimiter CsvDelimiter => Options.Data.Delimiter;

    /// <summary>Reads a data file (CSV or C-MAPSS text, optionally gzipped) named by a PowerShell path.</summary>
    protected Dataset ReadDataset(string path, DatasetReadOptions readOptions)
    {
        var fullPath = ResolvePath(path);
        return Invoke(() => DatasetReader.Read(fullPath, readOptions));
    }

    /// <summary>Builds a dataset from pipeline objects; a bad value is an error naming the object and property.</summary>
    protected Dataset DatasetFromObjects(IEnumerable<PSObject> items, string source, DatasetReadOptions readOptions)
    {
        var builder = new RecordDatasetBuilder(source, readOptions);
        foreach (var item in items)
            AddRecord(builder, item);
        return Invoke(builder.Build);
    }

    /// <summary>Adds one pipeline object as it arrives, so large inputs stream instead of piling up as objects.</summary>
    protected void AddRecord(RecordDatasetBuilder builder, PSObject? item)
    {
        if (item is not null)
            Invoke(() => { ObjectRecords.AddTo(builder, item); return 0; });
    }

    /// <summary>The configured model name when none was given.</summary>
    protected string ModelNameOrDefault(string? name) => string.IsNullOrEmpty(name) ? Options.Deployment.ModelName : name;

    public void Dispose()
    {
        // InvokeWithProgress has waited for its worker by now, so nothing still writes through the store.
        _store?.Dispose();
        _store = null;
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A model URI with its path form resolved as PowerShell resolves data paths (relative to the current location,
    /// '\' or '/', '~', a PSDrive), so '.\exported\m_1' names the same folder on every platform.
    /// </summary>
    protected string ResolveModelUri(string uri) =>
        ModelUri.TryParse(uri, out var parsed) && parsed is { Kind: ModelUriKind.Path, Path: { } path }
            ? ResolvePath(path)
            : uri;

    /// <summary>
    /// ShouldProcess, and ShouldContinue for a change that always asks unless -Force. A session that cannot
    /// prompt (pwsh -NonInteractive: scheduled tasks, runbooks) gets a Retrain error that says to add -Force,
    /// not the host's "Read and Prompt functionality is not available".
    /// </summary>
    protected bool ConfirmChange(string target, string action, string? question = null, bool force = false)
    {
        // -Force skips the confirmation a high-impact change asks for by default, but not -WhatIf or an explicit -Confirm.
        if (force && !MyInvocation.BoundParameters.ContainsKey("Confirm") && !WhatIfRequested)
            return true;
        try
        {
            if (!ShouldProcess(target, action))
                return false;
            return question is null || force || ShouldContinue(question, action);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"'{action}' on {target} needs confirmation, and this session cannot ask for it (it is non-interactive). Add -Force to make the change without asking, or -WhatIf to see what it would do.", ex),
                "ConfirmationNeedsForce", ErrorCategory.InvalidOperation, target));
            throw; // unreachable: ThrowTerminatingError always throws
        }
    }

    protected bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
        ? whatIf is SwitchParameter { IsPresent: true }
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>A PowerShell path (relative to the current location, or a PSDrive) as a file-system path.</summary>
    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Runs engine work; an engine error becomes a terminating, typed error record.</summary>
    protected T Invoke<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (RetrainException ex)
        {
            FlushWarnings();
            ThrowTerminatingError(ToErrorRecord(ex));
            throw; // unreachable: ThrowTerminatingError always throws
        }
        finally
        {
            FlushWarnings();
        }
    }

    /// <summary>Runs engine work for one pipeline item: an engine error is written as a non-terminating error.</summary>
    protected bool TryInvoke(Action work)
    {
        try
        {
            work();
            return true;
        }
        catch (RetrainException ex)
        {
            WriteError(ToErrorRecord(ex));
            return false;
        }
        finally
        {
            FlushWarnings();
        }
    }

    private void FlushWarnings()
    {
        while (_verbose.TryDequeue(out var message))
            WriteVerbose(message);
        while (_warnings.TryDequeue(out var warning))
            WriteWarning(warning);
    }

    /// <summary>
    /// Runs engine work on a worker thread while this (the pipeline) thread writes its progress and
    /// verbose messages, since PowerShell accepts them only from the pipeline thread.
    /// </summary>
    protected T InvokeWithProgress<T>(Func<IProgress<EngineProgress>, CancellationToken, T> work)
    {
        using var queue = new BlockingCollection<EngineProgress>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
        var progress = new QueueProgress(queue);
        var task = Task.Run(() =>
        {
            try
            {
                return work(progress, cancel.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        var records = new Dictionary<string, ProgressRecord>();
        try
        {
            // Waiting with the stop token: Ctrl+C must not wait for the worker's next progress message.
            foreach (var item in queue.GetConsumingEnumerable(StopToken))
                Relay(item, records);
        }
        catch (Exception ex) when (ex is PipelineStoppedException or OperationCanceledException)
        {
            cancel.Cancel();
            // The worker ends its run as Killed and stops touching the store before the cmdlet is disposed.
            try { task.Wait(); } catch (AggregateException) { }
            throw new PipelineStoppedException();
        }
        foreach (var record in records.Values)
        {
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }
        return Invoke(() =>
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (AggregateException ex) when (ex.InnerException is RetrainException inner)
            {
                throw inner;
            }
        });
    }

    private void Relay(EngineProgress item, Dictionary<string, ProgressRecord> records)
    {
        if (item.Verbose is not null)
            WriteVerbose(item.Verbose);
        if (item.Warning is not null)
            WriteWarning(item.Warning);
        if (item.PercentComplete < 0)
            return;
        if (!records.TryGetValue(item.Activity, out var record))
            records[item.Activity] = record = new ProgressRecord(records.Count + 1, item.Activity, "Starting");
        record.StatusDescription = string.IsNullOrEmpty(item.Status) ? item.Activity : item.Status;
        record.PercentComplete = Math.Clamp(item.PercentComplete, 0, 100);
        WriteProgress(record);
    }

    /// <summary>The one mapping from engine errors to PowerShell error records.</summary>
    protected static ErrorRecord ToErrorRecord(RetrainException ex) => new(ex, ex.ErrorId, ex.Kind switch
    {
        RetrainErrorKind.InvalidData => ErrorCategory.InvalidData,
        RetrainErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        RetrainErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        RetrainErrorKind.InvalidConfiguration => ErrorCategory.InvalidArgument,
        RetrainErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        RetrainErrorKind.SecurityError => ErrorCategory.SecurityError,
        RetrainErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        _ => ErrorCategory.InvalidOperation,
    }, ex.Target);

    private sealed class QueueProgress(BlockingCollection<EngineProgress> queue) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value)
        {
            if (!queue.IsAddingCompleted)
                queue.TryAdd(value);
        }
    }
}
