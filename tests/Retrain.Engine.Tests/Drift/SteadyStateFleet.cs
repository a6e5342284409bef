using Retrain.Engine.Data;
using Retrain.Engine.Tests.Data;

namespace Retrain.Engine.Tests.Drift;

/// <summary>
/// A fleet watched over time, built from the run-to-failure trajectories of a C-MAPSS training file: a fixed number of
/// positions (slots), each running one engine from installation to failure at one cycle per day and the next engine the
/// day after, so engines enter and leave service continuously and every week holds a mix of life stages.
/// </summary>
/// <remarks>
/// The 100 FD001 trajectories are dealt to installations in installation order from a shuffled deck, reshuffled when
/// used up, each installation a new unit id. With 50 slots and a mean life of about 206 days the deck lasts about
/// 412 days, longer than any reference-plus-current span (97 days) plus the longest life (362), so a trajectory is
/// essentially never in service twice in one check (the engines in one check are distinct). Slots start at a random
/// point of their first engine's life and the simulation burns in for longer than the longest life, so the windows
/// see the steady state.
/// </remarks>
internal sealed class SteadyStateFleet
{
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly string[] Features = CmapssReader.ColumnNames.Skip(2).ToArray();

    private static readonly Lazy<double[][][]> Fd001 = new(() => Trajectories("train_FD001.txt.gz"));

    /// <summary>Per unit, per cycle, the 24 feature values (settings and sensors).</summary>
    public static double[][][] Trajectories(string file)
    {
        var data = CmapssReader.Read(TestData.Cmapss(file));
        var unit = data.Column("unit");
        var columns = Features.Select(data.Column).ToArray();
        return Enumerable.Range(0, unit.Length)
            .GroupBy(r => unit[r])
            .OrderBy(g => g.Key)
            .Select(g => g.Select(r => columns.Select(c => c[r]).ToArray()).ToArray())
            .ToArray();
    }

    /// <summary>
    /// Days [<paramref name="fromDay"/>, <paramref name="toDay"/>] of a steady-state fleet of FD001 engines: column
    /// "unit" then <see cref="Features"/>, one row per engine in service per day at <see cref="Origin"/> + day.
    /// </summary>
    public static Dataset Build(int seed, int slots, int fromDay, int toDay) => Build(Fd001.Value, seed, slots, fromDay, toDay);

    public static Dataset Build(double[][][] trajectories, int seed, int slots, int fromDay, int toDay)
    {
        var random = new Random(seed);
        var deck = new Queue<int>();
        int Deal()
        {
            if (deck.Count == 0)
                foreach (var t in Enumerable.Range(0, trajectories.Length).OrderBy(_ => random.Next()))
                    deck.Enqueue(t);
            return deck.Dequeue();
        }

        // Per slot: the day its current engine was installed (day of cycle 1) and which trajectory it runs.
        var installed = new int[slots];
        var running = new int[slots];
        for (int s = 0; s < slots; s++)
        {
            running[s] = Deal();
            installed[s] = -random.Next(trajectories[running[s]].Length); // mid-life at day 0
        }
        var rows = new List<(int Unit, int Day, double[] Values)>();
        int nextUnit = 1;
        var unitOf = Enumerable.Range(0, slots).Select(_ => nextUnit++).ToArray();
        void Write(int slot)
        {
            var life = trajectories[running[slot]];
            for (int cycle = 0; cycle < life.Length; cycle++)
            {
                int day = installed[slot] + cycle;
                if (day >= fromDay && day <= toDay)
                    rows.Add((unitOf[slot], day, life[cycle]));
            }
        }
        // Replace the engine that fails first, so the deck is dealt in installation order across slots.
        while (true)
        {
            int s = 0;
            for (int i = 1; i < slots; i++)
                if (installed[i] + trajectories[running[i]].Length < installed[s] + trajectories[running[s]].Length)
                    s = i;
            int failedOn = installed[s] + trajectories[running[s]].Length - 1;
            if (failedOn >= toDay)
            {
                for (int i = 0; i < slots; i++)
                    Write(i); // every engine in service now outlasts the span
                break;
            }
            Write(s);
            installed[s] = failedOn + 1;
            running[s] = Deal();
            unitOf[s] = nextUnit++;
        }
        rows.Sort((x, y) => x.Day != y.Day ? x.Day.CompareTo(y.Day) : x.Unit.CompareTo(y.Unit));
        var names = new[] { "unit" }.Concat(Features).ToArray();
        var columns = new double[names.Length][];
        for (int c = 0; c < names.Length; c++)
            columns[c] = new double[rows.Count];
        var timestamps = new DateTimeOffset[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            columns[0][r] = rows[r].Unit;
            for (int f = 0; f < Features.Length; f++)
                columns[f + 1][r] = rows[r].Values[f];
            timestamps[r] = Origin.AddDays(rows[r].Day);
        }
        return new Dataset($"fleet-{seed}", names, columns, timestamps, "timestamp");
    }
}
