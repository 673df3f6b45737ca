using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>A booking of one slot of an appointment type: held for a short while, then confirmed or cancelled.</summary>
internal sealed class BookingRecord : ITenantOwned
{
    public const string Held = "held";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    /// <summary>Not a stored status: how a held slot whose e-mail address is being checked shows in its view.</summary>
    public const string AwaitingEmail = "awaiting-email";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string AppointmentType { get; set; } = "";

    public string Location { get; set; } = "";

    public string Service { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string Status { get; set; } = Held;

    public DateTimeOffset? HoldExpiresAt { get; set; }

    public byte[] CancelTokenHash { get; set; } = [];

    public string Email { get; set; } = "";

    public string PersonName { get; set; } = "";

    public DateOnly? BirthDate { get; set; }

    public string? PersonKey { get; set; }

    /// <summary>The booking code the person names at the counter and on the phone (set on confirmation).</summary>
    public string? Code { get; set; }

    /// <summary>The language the booking was made in; its e-mails are written in it.</summary>
    public string Language { get; set; } = "de";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>
    /// The hash of the one-time code e-mailed to check the address (docs/adr/0040), while a held slot waits for it;
    /// null before the person is named, after the check, and for holds offered to an address already (waitlist).
    /// </summary>
    public byte[]? EmailCodeHash { get; set; }

    /// <summary>Wrong codes tried against <see cref="EmailCodeHash"/>.</summary>
    public int EmailCodeTries { get; set; }

    /// <summary>A held slot whose person is named and whose e-mail address is being checked.</summary>
    public bool AwaitsEmail => Status == Held && EmailCodeHash is not null;
}

/// <summary>
/// A taken seat of a slot. Its unique key (tenant, location, service, start, seat) is the database constraint that makes
/// a double booking impossible (docs/adr/0028).
/// </summary>
internal sealed class SlotSeat : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Location { get; set; } = "";

    public string Service { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public int Seat { get; set; }

    public Guid BookingId { get; set; }
}

internal sealed class BookingRecordConfiguration : IEntityTypeConfiguration<BookingRecord>
{
    public void Configure(EntityTypeBuilder<BookingRecord> builder)
    {
        builder.ToTable("bookings", "appointments");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasColumnName("id");
        builder.Property(b => b.TenantId).HasColumnName("tenant_id");
        builder.Property(b => b.AppointmentType).HasColumnName("appointment_type");
        builder.Property(b => b.Location).HasColumnName("location");
        builder.Property(b => b.Service).HasColumnName("service");
        builder.Property(b => b.StartsAt).HasColumnName("starts_at");
        builder.Property(b => b.EndsAt).HasColumnName("ends_at");
        builder.Property(b => b.Status).HasColumnName("status");
        builder.Property(b => b.HoldExpiresAt).HasColumnName("hold_expires_at");
        builder.Property(b => b.CancelTokenHash).HasColumnName("cancel_token_hash");
        builder.Property(b => b.Email).HasColumnName("email");
        builder.Property(b => b.PersonName).HasColumnName("person_name");
        builder.Property(b => b.BirthDate).HasColumnName("birth_date");
        builder.Property(b => b.PersonKey).HasColumnName("person_key");
        builder.Property(b => b.Code).HasColumnName("code");
        builder.Property(b => b.Language).HasColumnName("language");
        builder.Property(b => b.CreatedAt).HasColumnName("created_at");
        builder.Property(b => b.ConfirmedAt).HasColumnName("confirmed_at");
        builder.Property(b => b.CancelledAt).HasColumnName("cancelled_at");
        builder.Property(b => b.EmailCodeHash).HasColumnName("email_code_hash");
        builder.Property(b => b.EmailCodeTries).HasColumnName("email_code_tries");
        builder.Ignore(b => b.AwaitsEmail);
    }
}

internal sealed class SlotSeatConfiguration : IEntityTypeConfiguration<SlotSeat>
{
    public void Configure(EntityTypeBuilder<SlotSeat> builder)
    {
        builder.ToTable("slot_seats", "appointments");
        builder.HasKey(s => new { s.TenantId, s.Location, s.Service, s.StartsAt, s.Seat });
        builder.Property(s => s.TenantId).HasColumnName("tenant_id");
        builder.Property(s => s.Location).HasColumnName("location");
        builder.Property(s => s.Service).HasColumnName("service");
        builder.Property(s => s.StartsAt).HasColumnName("starts_at");
        builder.Property(s => s.Seat).HasColumnName("seat");
        builder.Property(s => s.BookingId).HasColumnName("booking_id");
    }
}
