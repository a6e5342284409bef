namespace Retrain.Engine.Tracking;

/// <summary>Where a tracked run is in its life: running until ended with one of the other three.</summary>
public enum RunStatus
{
    Running,
    Finished,
    Failed,
    Killed,
}
