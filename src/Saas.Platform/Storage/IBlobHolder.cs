namespace Saas.Platform.Storage;

/// <summary>
/// A module that keeps blobs of its own in the authority's <see cref="IBlobStore"/> outside the e-Akte (the portal's
/// evidence before it is filed). The e-Akte's orphan sweeper asks every holder before it deletes a blob, so one
/// module's sweep never takes another module's content for an orphan (docs/adr/0042).
/// </summary>
public interface IBlobHolder
{
    /// <summary>The current authority's blobs this holder refers to.</summary>
    Task<IReadOnlyCollection<string>> HeldAsync(CancellationToken ct = default);

    /// <summary>Whether this holder refers to the blob (asked again right before a delete).</summary>
    Task<bool> HoldsAsync(string sha256, CancellationToken ct = default);
}
