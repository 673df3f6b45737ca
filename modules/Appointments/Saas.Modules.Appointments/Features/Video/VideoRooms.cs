using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Appointments.Features.Video;

/// <summary>
/// The room of a confirmed video appointment (docs/adr/0039): the applicant enters with the booking's link token, staff
/// by the booking's id. It is open from <see cref="VideoSettings.OpensMinutesBefore"/> before the start to
/// <see cref="VideoSettings.ClosesMinutesAfter"/> after the end; signalling and uploads are refused outside that.
/// </summary>
internal sealed record VideoRoom(BookingRecord Booking, AppointmentTypeDefinition Type, string Role, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    public const string Applicant = "applicant";

    public const string Staff = "staff";

    public string Other => Role == Applicant ? Staff : Applicant;

    public bool IsOpenAt(DateTimeOffset now) => OpensAt <= now && now < ClosesAt;
}

/// <summary>What a room's page needs: times, whether it is open, the ICE servers to use and, for staff, the person and their file.</summary>
internal sealed record VideoRoomView(
    Guid BookingId,
    string Role,
    string TypeName,
    string? TypeNameEn,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string State,
    IReadOnlyList<IceServer> IceServers,
    string? Code = null,
    string? Name = null,
    DateOnly? BirthDate = null,
    Guid? CaseFileId = null);

internal sealed class VideoRooms(AppointmentsDbContext db, BookingViews views, IceServers ice, ICaseFileDirectory files, TimeProvider clock)
{
    public const string NotYet = "not-yet";
    public const string Open = "open";
    public const string Closed = "closed";

    public async Task<VideoRoom> ForApplicantAsync(string token, CancellationToken ct) =>
        await RoomAsync(await views.FindAsync(token ?? "", ct), VideoRoom.Applicant, ct);

    public async Task<VideoRoom> ForStaffAsync(Guid id, CancellationToken ct) =>
        await RoomAsync(await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppointmentsProblems.BookingNotFound(), VideoRoom.Staff, ct);

    /// <summary>The room, refused unless it is open now: for signalling and uploads.</summary>
    public VideoRoom EnsureOpen(VideoRoom room)
    {
        ArgumentNullException.ThrowIfNull(room);
        var now = clock.GetUtcNow();
        if (now < room.OpensAt)
        {
            throw AppointmentsProblems.VideoNotYetOpen(room.OpensAt);
        }

        return now >= room.ClosesAt ? throw AppointmentsProblems.VideoClosed() : room;
    }

    public async Task<VideoRoomView> ViewAsync(VideoRoom room, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(room);
        var now = clock.GetUtcNow();
        var state = now < room.OpensAt ? NotYet : now < room.ClosesAt ? Open : Closed;
        var servers = state == Open ? ice.For(room.Booking.Id, room.ClosesAt) : [];
        var local = Availability.SlotGrid.ToLocal;
        var view = new VideoRoomView(room.Booking.Id, room.Role, room.Type.Name, room.Type.NameEn, local(room.Booking.StartsAt), local(room.Booking.EndsAt),
            local(room.OpensAt), local(room.ClosesAt), state, servers, room.Booking.Code);
        return room.Role == VideoRoom.Staff
            ? view with { Name = room.Booking.PersonName, BirthDate = room.Booking.BirthDate, CaseFileId = await CaseFileOfAsync(room.Booking, ct) }
            : view;
    }

    /// <summary>
    /// The person's file in the e-Akte: the one file whose name (given names and surname) and birth date are the
    /// booking's. None or several: null — an upload is then refused, and staff search the file themselves.
    /// </summary>
    public async Task<Guid?> CaseFileOfAsync(BookingRecord booking, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.BirthDate is not { } born || booking.PersonName.Length == 0)
        {
            return null;
        }

        var name = Normal(booking.PersonName);
        var matches = (await files.SearchPersonsAsync(booking.PersonName, born, 20, ct))
            .Where(f => f.BirthDate == born && (Normal(f.GivenNames + " " + f.Surname) == name || Normal(f.Surname + " " + f.GivenNames) == name))
            .Select(f => f.Id).Distinct().ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static string Normal(string name) => BookingTokens.PersonKey(name, DateOnly.MinValue);

    private async Task<VideoRoom> RoomAsync(BookingRecord booking, string role, CancellationToken ct)
    {
        var type = await views.TypeOfAsync(booking, ct);
        if (type.Video is not { } video)
        {
            throw AppointmentsProblems.VideoNotVideo();
        }

        if (booking.Status != BookingRecord.Confirmed)
        {
            throw AppointmentsProblems.NotConfirmed();
        }

        return new VideoRoom(booking, type, role, booking.StartsAt.AddMinutes(-video.OpensMinutesBefore), booking.EndsAt.AddMinutes(video.ClosesMinutesAfter));
    }
}
