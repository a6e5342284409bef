namespace Retrain.Engine.Evaluation;

/// <summary>
/// How outcomes met the prediction log: how many joined, how many had no logged prediction at all, how many only one
/// version's. Plain figures, so a report says where its rows came from without Evaluation knowing the store
/// (Deployment's PredictionJoin fills them in).
/// </summary>
public sealed class PredictionJoinSummary
{
    public int OutcomeRows { get; init; }
    /// <summary>Outcomes both versions scored in one batch: the rows compared.</summary>
    public int JoinedRows { get; init; }
    /// <summary>Outcomes with no logged prediction of the model for their equipment and time.</summary>
    public int WithoutPrediction { get; init; }
    /// <summary>Outcomes with logged predictions, but not by both versions in one batch (only Production, other versions).</summary>
    public int NotScoredByBoth { get; init; }
    /// <summary>The scoring batches the joined rows came from.</summary>
    public int Batches { get; init; }
    public DateTimeOffset? FirstLogged { get; init; }
    public DateTimeOffset? LastLogged { get; init; }

    public override string ToString() =>
        $"{JoinedRows} of {OutcomeRows} outcomes joined ({WithoutPrediction} without a logged prediction, {NotScoredByBoth} not scored by both)";
}
