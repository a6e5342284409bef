namespace Retrain.Engine.Store;

/// <summary>
/// A store that can copy itself to a scratch folder, for a run that must not change the real one (Invoke-Retraining
/// -WhatIf trains, registers and compares in the copy, then deletes it).
/// </summary>
public interface IStoreCopy
{
    /// <summary>A consistent copy (taken under the store's lock) in <paramref name="folder"/>, opened; the caller deletes the folder.</summary>
    IRetrainStore CopyTo(string folder);
}
