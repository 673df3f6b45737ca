using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <summary>
/// A document's person was reminded that it runs out (docs/adr/0038): with a proposed slot (a held booking), without one
/// (no free seat in the window), or not at all because they already hold a booking of the type. Once per document and
/// expiry date, decided by the table's unique key.
/// </summary>
internal sealed class ReminderRecord : ITenantOwned
{
    public const string Proposed = "proposed";
    public const string WithoutSlot = "without-slot";
    public const string AlreadyBooked = "already-booked";

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The key of the <c>expiry-reminder</c> document that sent it.</summary>
    public string Reminder { get; set; } = "";

    public string DocumentKind { get; set; } = "";

    public Guid DocumentId { get; set; }

    public DateOnly ValidUntil { get; set; }

    public Guid CaseFileId { get; set; }

    public string Status { get; set; } = Proposed;

    public Guid? BookingId { get; set; }

    /// <summary>The letter (key) the reminder is written as; null when none is sent.</summary>
    public string? Letter { get; set; }

    /// <summary>The letter's document in the e-Akte, once the outbox produced it.</summary>
    public Guid? LetterDocument { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LetterAt { get; set; }
}

internal sealed class ReminderRecordConfiguration : IEntityTypeConfiguration<ReminderRecord>
{
    public void Configure(EntityTypeBuilder<ReminderRecord> builder)
    {
        builder.ToTable("reminders", "appointments");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property(r => r.TenantId).HasColumnName("tenant_id");
        builder.Property(r => r.Reminder).HasColumnName("reminder");
        builder.Property(r => r.DocumentKind).HasColumnName("document_kind");
        builder.Property(r => r.DocumentId).HasColumnName("document_id");
        builder.Property(r => r.ValidUntil).HasColumnName("valid_until");
        builder.Property(r => r.CaseFileId).HasColumnName("case_file_id");
        builder.Property(r => r.Status).HasColumnName("status");
        builder.Property(r => r.BookingId).HasColumnName("booking_id");
        builder.Property(r => r.Letter).HasColumnName("letter");
        builder.Property(r => r.LetterDocument).HasColumnName("letter_document");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.LetterAt).HasColumnName("letter_at");
    }
}

/// <summary>The authority's published expiry reminders, read into values.</summary>
internal sealed class ExpiryReminders(IMetadataStore store)
{
    public async Task<ExpiryReminderDefinition> GetAsync(string key, CancellationToken ct = default) =>
        await store.GetPublishedAsync(ExpiryReminderKind.Name, key ?? "", ct) is { } document
            ? ExpiryReminderDefinition.Read(document.Key, document.Spec)
            : throw AppointmentsProblems.ReminderNotFound(key ?? "");

    public async Task<IReadOnlyList<ExpiryReminderDefinition>> ListAsync(CancellationToken ct = default) =>
        [.. (await store.GetPublishedAsync(ExpiryReminderKind.Name, ct)).Select(d => ExpiryReminderDefinition.Read(d.Key, d.Spec)).OrderBy(r => r.Key, StringComparer.Ordinal)];
}
