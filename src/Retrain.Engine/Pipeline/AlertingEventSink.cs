using Retrain.Engine.Alerts;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The retraining run's events sent as alerts (alerts.*: a webhook and/or a log file) through <see cref="AlertDispatcher"/>,
/// which never throws and gives up within alerts.timeout_seconds. A delivery that failed is reported back to the
/// pipeline as an <see cref="AlertNotDeliveredException"/>, which records it on the run and in its Reason and warns,
/// without failing the run: a dead webhook must not stop a retraining.
/// </summary>
public sealed class AlertingEventSink(AlertsOptions options, string baseDirectory) : IPipelineEventSink
{
    private readonly List<AlertDelivery> _deliveries = [];

    /// <summary>Every delivery attempted so far (one per target and event).</summary>
    public IReadOnlyList<AlertDelivery> Deliveries => _deliveries;

    public void Publish(PipelineEvent pipelineEvent)
    {
        ArgumentNullException.ThrowIfNull(pipelineEvent);
        if (!AlertDispatcher.Sends(options, pipelineEvent.Kind))
            return;
        var message = new AlertMessage
        {
            Event = pipelineEvent.Kind,
            ModelName = pipelineEvent.ModelName,
            NewVersion = pipelineEvent.Version,
            ChampionVersion = pipelineEvent.ChampionVersion,
            ProductionVersion = pipelineEvent.Deployment?.DeploymentStatus is Deployment.DeploymentStatus.Deployed or Deployment.DeploymentStatus.RolledBack
                ? pipelineEvent.Deployment.ModelVersion : pipelineEvent.ChampionVersion,
            Figures = pipelineEvent.Figures,
            Reason = pipelineEvent.Error is { } error ? $"{pipelineEvent.Message} ({error})" : pipelineEvent.Message,
            RunId = pipelineEvent.RunId,
            Timestamp = pipelineEvent.Timestamp,
        };
        IReadOnlyList<AlertDelivery> sent = AlertDispatcher.Send(options, baseDirectory, message);
        _deliveries.AddRange(sent);
        var failed = sent.Where(d => !d.Delivered).ToList();
        if (failed.Count > 0)
            throw new AlertNotDeliveredException(string.Join("; ", failed.Select(d =>
                $"{d.Kind} {d.Target} after {d.Attempts} attempt{(d.Attempts == 1 ? "" : "s")}: {d.Error ?? (d.StatusCode is int code ? $"HTTP {code}" : "not delivered")}")));
    }
}

/// <summary>An alert went to none or only some of its targets; the message names each failed one (secrets redacted).</summary>
public sealed class AlertNotDeliveredException(string message) : Exception(message);
