using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Waitlist;

/// <summary>A person waiting for a slot of one type between two days; reached by its link's token (only the hash is kept).</summary>
internal sealed class WaitlistRecord : ITenantOwned
{
    public const string Waiting = "waiting";
    public const string Offered = "offered";
    public const string Withdrawn = "withdrawn";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string AppointmentType { get; set; } = "";

    public string PersonName { get; set; } = "";

    public DateOnly BirthDate { get; set; }

    public string PersonKey { get; set; } = "";

    public string Email { get; set; } = "";

    public string Language { get; set; } = "de";

    public DateOnly Earliest { get; set; }

    public DateOnly Latest { get; set; }

    public string Status { get; set; } = Waiting;

    public byte[] TokenHash { get; set; } = [];

    public Guid? OfferedBooking { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? OfferedAt { get; set; }
}

/// <summary>A seat of a slot became free (a booking cancelled, let go or moved away): the waitlist may offer it.</summary>
internal sealed record SeatFreed(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, string AppointmentType, DateTimeOffset StartsAt) : IIntegrationEvent;

internal sealed class WaitlistRecordConfiguration : IEntityTypeConfiguration<WaitlistRecord>
{
    public void Configure(EntityTypeBuilder<WaitlistRecord> builder)
    {
        builder.ToTable("waitlist", "appointments");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasColumnName("id");
        builder.Property(w => w.TenantId).HasColumnName("tenant_id");
        builder.Property(w => w.AppointmentType).HasColumnName("appointment_type");
        builder.Property(w => w.PersonName).HasColumnName("person_name");
        builder.Property(w => w.BirthDate).HasColumnName("birth_date");
        builder.Property(w => w.PersonKey).HasColumnName("person_key");
        builder.Property(w => w.Email).HasColumnName("email");
        builder.Property(w => w.Language).HasColumnName("language");
        builder.Property(w => w.Earliest).HasColumnName("earliest");
        builder.Property(w => w.Latest).HasColumnName("latest");
        builder.Property(w => w.Status).HasColumnName("status");
        builder.Property(w => w.TokenHash).HasColumnName("token_hash");
        builder.Property(w => w.OfferedBooking).HasColumnName("offered_booking");
        builder.Property(w => w.CreatedAt).HasColumnName("created_at");
        builder.Property(w => w.OfferedAt).HasColumnName("offered_at");
    }
}
