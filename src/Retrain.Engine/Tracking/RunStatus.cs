namespace Retrain.Engine.Tracking;

/// <summary>Where a tracked run is in its life: running until ended with one of the other three.</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum RunStatus : long
{
    Running,
    Finished,
    Failed,
    Killed,
}
