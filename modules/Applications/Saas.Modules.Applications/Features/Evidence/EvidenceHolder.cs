using Saas.Platform.Storage;

namespace Saas.Modules.Applications.Features.Evidence;

/// <summary>
/// Keeps the e-Akte's orphan sweeper off the portal's evidence (docs/adr/0042): a kept file's blob is referenced by
/// its row here until it is filed, and after that by the e-Akte's document as well. Row-level security scopes both
/// reads to the authority being swept.
/// </summary>
internal sealed class EvidenceHolder(ApplicationsDbContext db) : IBlobHolder
{
    public async Task<IReadOnlyCollection<string>> HeldAsync(CancellationToken ct = default) =>
        await db.Evidence.AsNoTracking().Select(e => e.Sha256).Distinct().ToListAsync(ct);

    public async Task<bool> HoldsAsync(string sha256, CancellationToken ct = default) =>
        await db.Evidence.AsNoTracking().AnyAsync(e => e.Sha256 == sha256, ct);
}
