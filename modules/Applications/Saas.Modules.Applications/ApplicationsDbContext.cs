using Saas.Platform.Data;

namespace Saas.Modules.Applications;

/// <summary>
/// Applications' tables (schema <c>applications</c>): the portal's drafts, the evidence they keep and the submissions. Each feature declares its
/// entities and their configuration in its folder (docs/adr/0012).
/// </summary>
internal sealed class ApplicationsDbContext(DbContextOptions<ApplicationsDbContext> options) : TenantDbContext(options)
{
    public DbSet<Features.Portal.DraftRecord> Drafts => Set<Features.Portal.DraftRecord>();

    public DbSet<Features.Submissions.SubmissionRecord> Submissions => Set<Features.Submissions.SubmissionRecord>();

    public DbSet<Features.Evidence.EvidenceRecord> Evidence => Set<Features.Evidence.EvidenceRecord>();

    public DbSet<Features.Mailbox.MessageRecord> Messages => Set<Features.Mailbox.MessageRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApplicationsDbContext).Assembly);
        base.OnModelCreating(modelBuilder);
    }
}
