using QRCoder;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>
/// The QR code on a confirmed booking that the kiosk scans (docs/adr/0037): it holds the authority's key and the
/// booking code (<see cref="CheckIn.QrPayload"/>), nothing about the person, so a kiosk of another authority can say
/// whose appointment it is without looking anything up.
/// </summary>
internal static class CheckInQr
{
    public static string PngDataUri(string tenantKey, string code)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(CheckIn.QrPayload(tenantKey, code), QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
    }
}
