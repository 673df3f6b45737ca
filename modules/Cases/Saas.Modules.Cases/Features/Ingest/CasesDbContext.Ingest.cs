using Saas.Modules.Cases.Features.Ingest;

namespace Saas.Modules.Cases;

/// <summary>The scan path's part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<CoverSheet> CoverSheets => Set<CoverSheet>();

    public DbSet<ScanBatch> ScanBatches => Set<ScanBatch>();
}
