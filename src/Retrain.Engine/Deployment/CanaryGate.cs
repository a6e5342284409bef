using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Deployment;

/// <summary>What a canary gate decided, as in Argo Rollouts' analysis runs.</summary>
public enum CanaryGateOutcome : long
{
    /// <summary>The canary did not do worse than allowed: it moves to the next step (or is promoted at 100).</summary>
    Successful,
    /// <summary>The canary did worse than allowed: it is aborted, Production untouched.</summary>
    Failed,
    /// <summary>Too few labelled rows or machines of the canary's share to judge: the canary stays where it is.</summary>
    Inconclusive,
}

/// <summary>
/// One gate: the canary's error (MAE) on the rows of the equipment it serves against Production's on the same rows
/// (both scored them), so the two are judged on the same machines over the same period, not on two different halves
/// of the fleet whose machines can differ in how hard they are to predict.
/// </summary>
public sealed class CanaryGateResult
{
    public required CanaryGateOutcome Outcome { get; init; }
    public required string ModelName { get; init; }
    /// <summary>The canary judged.</summary>
    public required int CanaryVersion { get; init; }
    /// <summary>The Production version it was judged against.</summary>
    public required int ProductionVersion { get; init; }
    /// <summary>The registry event that gave the canary the step judged: acting on the gate is refused once the role moved on.</summary>
    public required long RoleSequence { get; init; }
    /// <summary>The step the canary was on when judged.</summary>
    public required int TrafficPercent { get; init; }
    /// <summary>Where a Successful gate moves it (100: promoted); null otherwise.</summary>
    public int? NextPercent { get; init; }
    /// <summary>Labelled rows of the canary's equipment that were judged.</summary>
    public required int Rows { get; init; }
    /// <summary>Distinct pieces of equipment among them.</summary>
    public required int Units { get; init; }
    public double? CanaryMae { get; init; }
    public double? ProductionMae { get; init; }
    /// <summary>How much higher the canary's MAE is than Production's, in percent (negative: lower).</summary>
    public double? RegressionPct { get; init; }
    public required double MaxRegressionPct { get; init; }
    public required int MinRows { get; init; }
    public required int MinUnits { get; init; }
    /// <summary>What was judged: labelled rows scored now, or outcomes joined to the predictions recorded at the time.</summary>
    public required string Basis { get; init; }
    public required string Message { get; init; }

    public string CanaryUri => $"models:/{ModelName}/{CanaryVersion}";

    public override string ToString() => $"{Outcome}: {Message}";
}

public static class CanaryGate
{
    /// <summary>
    /// Judges the canary on <paramref name="actual"/> outcomes of the rows it serves, given both models' predictions of
    /// them and each row's equipment id; <paramref name="next"/> is the step a success moves to.
    /// </summary>
    public static CanaryGateResult Evaluate(IReadOnlyList<double> actual, IReadOnlyList<double> canary, IReadOnlyList<double> production,
        IReadOnlyList<string> equipment, RoleAssignment held, int productionVersion, int next, DeploymentOptions options, string basis)
    {
        ArgumentNullException.ThrowIfNull(held);
        int percent = held.TrafficPercent ?? 0;
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(production);
        ArgumentNullException.ThrowIfNull(equipment);
        ArgumentNullException.ThrowIfNull(options);
        if (canary.Count != actual.Count || production.Count != actual.Count || equipment.Count != actual.Count)
            throw new ArgumentException("Every judged row needs its outcome, both predictions and its equipment id.");
        int rows = actual.Count;
        int units = equipment.Distinct(StringComparer.Ordinal).Count();
        if (rows < options.CanaryMinRows || units < options.CanaryMinUnits)
        {
            var missing = new List<string>();
            if (rows < options.CanaryMinRows)
                missing.Add($"{rows} labelled row{(rows == 1 ? "" : "s")} of the canary's equipment, at least {options.CanaryMinRows} needed (deployment.canary_min_rows)");
            if (units < options.CanaryMinUnits)
                missing.Add($"{units} machine{(units == 1 ? "" : "s")} among them, at least {options.CanaryMinUnits} needed (deployment.canary_min_units)");
            return Result(CanaryGateOutcome.Inconclusive, null, null, null, null,
                $"not enough to judge the canary at {percent}%: {string.Join("; ", missing)}. It stays at {percent}%; judge it again when more outcomes have arrived.");
        }

        double canaryMae = MetricsCalculator.Compute(actual.ToArray(), canary.ToArray()).Mae;
        double productionMae = MetricsCalculator.Compute(actual.ToArray(), production.ToArray()).Mae;
        double regression = productionMae > 0 ? (canaryMae - productionMae) / productionMae * 100
            : canaryMae > 0 ? double.PositiveInfinity : 0;
        string figures = $"on {rows} rows of {units} machines the canary's MAE is {Show(canaryMae)}, Production's {Show(productionMae)} " +
            $"({(regression >= 0 ? "+" : "")}{Show(regression)}%, at most +{Show(options.CanaryMaxRegressionPct)}% allowed by deployment.canary_max_regression_pct)";
        return regression > options.CanaryMaxRegressionPct
            ? Result(CanaryGateOutcome.Failed, null, canaryMae, productionMae, regression, $"{figures}: the canary is aborted, Production is unchanged.")
            : Result(CanaryGateOutcome.Successful, next, canaryMae, productionMae, regression,
                $"{figures}: {(next >= 100 ? "the canary is promoted to Production" : $"the canary moves from {percent}% to {next}%")}.");

        CanaryGateResult Result(CanaryGateOutcome outcome, int? nextPercent, double? c, double? p, double? r, string message) => new()
        {
            Outcome = outcome,
            ModelName = held.ModelName,
            CanaryVersion = held.Version,
            ProductionVersion = productionVersion,
            RoleSequence = held.Sequence,
            TrafficPercent = percent,
            NextPercent = nextPercent,
            Rows = rows,
            Units = units,
            CanaryMae = c,
            ProductionMae = p,
            RegressionPct = r,
            MaxRegressionPct = options.CanaryMaxRegressionPct,
            MinRows = options.CanaryMinRows,
            MinUnits = options.CanaryMinUnits,
            Basis = basis,
            Message = message,
        };
    }

    /// <summary>The step after <paramref name="percent"/> in deployment.canary_steps (100 when it is past the last one below 100).</summary>
    public static int NextStep(IReadOnlyList<int> steps, int percent) => steps.FirstOrDefault(s => s > percent) is int s and > 0 ? s : 100;

    private static string Show(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString("0.###", CultureInfo.InvariantCulture);
}
