using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases;

/// <summary>The legacy digitisation's part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<LegacyBox> LegacyBoxes => Set<LegacyBox>();

    public DbSet<LegacyBoxFile> LegacyBoxFiles => Set<LegacyBoxFile>();

    public DbSet<LegacyScanBatch> LegacyScanBatches => Set<LegacyScanBatch>();

    public DbSet<BatchDocument> BatchDocuments => Set<BatchDocument>();

    public DbSet<QaFinding> QaFindings => Set<QaFinding>();
}
