using Retrain.Engine.Registry;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

// Several instances (each with its own handles and caches) on one store, from parallel threads.
public abstract partial class StoreContractTests
{
    /// <summary>Starts one thread per body, waits for all, and fails with what any of them threw.</summary>
    private static void RunThreads(IEnumerable<Action> bodies)
    {
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = bodies.Select(body => new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (!errors.IsEmpty)
            throw new AggregateException(errors);
    }

    [Fact]
    public void Concurrent_registrations_from_many_instances_number_versions_without_gaps_or_duplicates()
    {
        const int writers = 8, perWriter = 25;
        string runId = RunWithModel(Store).RunId;
        var stores = Enumerable.Range(0, writers).Select(_ => OpenStore()).ToArray();
        var numbers = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var start = new Barrier(writers);

        RunThreads(stores.Select(store => (Action)(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < perWriter; i++)
                numbers.Add(store.RegisterVersion("pm", runId, "model").Version);
        })));

        Assert.Equal(Enumerable.Range(1, writers * perWriter), numbers.Order());
        IRetrainStore fresh = OpenStore();
        Assert.Equal(Enumerable.Range(1, writers * perWriter), fresh.ListVersions("pm").Select(v => v.Version));
        var events = fresh.GetEvents("pm");
        Assert.Equal(writers * perWriter, events.Count(e => e.Action == RegistryActions.RegisterVersion));
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(writers * perWriter, fresh.ListModels().Single().LatestVersion);
    }

    [Fact]
    public void Readers_polling_in_parallel_never_see_two_production_versions()
    {
        const int versions = 4, promotions = 40;
        for (int i = 0; i < versions; i++)
            Register(Store);
        IRetrainStore writer = OpenStore();
        var readers = new[] { OpenStore(), OpenStore() };
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int reads = 0;
        bool done = false;
        bool promotedOnce = false;

        Action Reader(IRetrainStore reader) => () =>
        {
            while (!Volatile.Read(ref done))
            {
                bool mustHaveOne = Volatile.Read(ref promotedOnce);
                var production = reader.ListVersions("pm").Where(v => v.Stage == ModelStage.Production).Select(v => v.Version).ToList();
                if (production.Count > 1 || (mustHaveOne && production.Count == 0))
                    violations.Enqueue($"saw Production = [{string.Join(",", production)}]");
                Interlocked.Increment(ref reads);
            }
        };
        void Writer()
        {
            try
            {
                for (int i = 0; i < promotions; i++)
                {
                    writer.TransitionStage("pm", i % versions + 1, ModelStage.Production, archiveExistingInStage: true, $"promotion {i}");
                    Volatile.Write(ref promotedOnce, true);
                }
                // Let the readers observe the final state too.
                int seen = Volatile.Read(ref reads);
                SpinWait.SpinUntil(() => Volatile.Read(ref reads) > seen + 10, TimeSpan.FromSeconds(5));
            }
            finally
            {
                Volatile.Write(ref done, true);
            }
        }
        RunThreads(readers.Select(Reader).Append(Writer));

        Assert.Empty(violations);
        Assert.True(reads > 0);
        Assert.Equal((promotions - 1) % versions + 1, Store.GetVersionByStage("pm", ModelStage.Production)!.Version);
        Assert.Single(Store.ListVersions("pm"), v => v.Stage == ModelStage.Production);
    }
}
