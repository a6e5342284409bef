using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tracking;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>The tracked-run scope's record of a failure, and registration's checks before anything is written.</summary>
public sealed class TrackedRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-store-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;

    public TrackedRunTests() => _store = new FileRetrainStore(Path.Combine(_folder, "store"));

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private Run FailWith(Exception error)
    {
        Assert.Same(error, Assert.ThrowsAny<Exception>(() => TrackedRun.Execute<int>(_store, "training", "doomed", null, _ => throw error)));
        return _store.SearchRuns(new RunQuery()).Single();
    }

    [Fact]
    public void A_failed_run_records_the_error_message_and_type()
    {
        Run run = FailWith(new RetrainException("NoDataRows", RetrainErrorKind.InvalidData, "train.csv: no rows to train on.", "train.csv"));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("train.csv: no rows to train on.", run.ErrorMessage);
        Assert.Equal(typeof(RetrainException).FullName, run.ErrorType);
        Assert.Equal(run.ErrorMessage, run.Tags[Run.ErrorMessageTag]);
    }

    [Fact]
    public void A_failure_inside_a_parallel_loop_records_its_cause_not_the_wrapper()
    {
        var cause = new InvalidOperationException("LightGBM: no valid split");
        Assert.ThrowsAny<AggregateException>(() => TrackedRun.Execute<int>(_store, "training", null, null, _ => throw new AggregateException(cause)));
        Run run = _store.SearchRuns(new RunQuery()).Single();
        Assert.Equal("LightGBM: no valid split", run.ErrorMessage);
        Assert.Equal(typeof(InvalidOperationException).FullName, run.ErrorType);
    }

    [Fact]
    public void A_finished_run_has_no_error()
    {
        var (_, run) = TrackedRun.Execute(_store, "training", null, null, _ => 1);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Null(run.ErrorMessage);
        Assert.Null(run.ErrorType);
    }

    [Fact]
    public void Importing_under_a_bad_name_writes_no_run_and_copies_no_file()
    {
        string model = Path.Combine(_folder, "model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "model.zip"), "weights");
        // A manifest that passes the schema registration checks (a fake one is refused as BadManifest before any run).
        var manifest = new Retrain.Engine.Training.ModelManifest
        {
            Features = ["s1"], ModelFeatures = ["s1"], Target = "rul", Trainer = "FastTree",
            Metrics = new Dictionary<string, double> { ["mae"] = 1 },
        };
        File.WriteAllText(Path.Combine(model, "manifest.json"), manifest.ToJson());

        Fails(RetrainErrorKind.InvalidArgument, "InvalidModelName", () => ModelRegistration.Import(_store, "bad/name", model));
        Assert.Empty(_store.SearchRuns(new RunQuery()));
        Assert.False(Directory.Exists(Path.Combine(_folder, "store", "runs")));

        Assert.Equal(1, ModelRegistration.Import(_store, "good", model).Version);
    }
}
