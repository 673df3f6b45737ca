using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases;

/// <summary>The inbox's part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<InboxItem> InboxItems => Set<InboxItem>();
}
