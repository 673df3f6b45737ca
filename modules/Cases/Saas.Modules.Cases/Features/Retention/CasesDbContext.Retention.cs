using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases;

/// <summary>Retention's part of the module's context: legal holds and deletion runs (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();

    public DbSet<DeletionRun> DeletionRuns => Set<DeletionRun>();

    public DbSet<DeletionRunItem> DeletionRunItems => Set<DeletionRunItem>();
}
