using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;

namespace ConnectTools.Emulator;

/// <summary>Renders errors in one of the three forms restJson1 clients must understand.</summary>
internal sealed class ErrorWriter
{
    private const string ErrorTypeSuffix = ":http://internal.amazon.com/coral/com.amazonaws.connect/";
    private int _roundRobin = -1;

    /// <summary>The X-Amzn-ErrorType header value (or null) and the JSON body of an error.</summary>
    public (string? ErrorTypeHeader, byte[] Body) Render(ErrorForm configured, string code, string message)
    {
        var form = configured == ErrorForm.RoundRobin
            ? (ErrorForm)((uint)Interlocked.Increment(ref _roundRobin) % 3)
            : configured;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            switch (form)
            {
                case ErrorForm.TypeMember:
                    writer.WriteString("__type", "com.amazonaws.connect#" + code);
                    writer.WriteString("Message", message);
                    break;
                case ErrorForm.CodeMember:
                    writer.WriteString("code", code);
                    writer.WriteString("message", message);
                    break;
                default:
                    writer.WriteString("Message", message);
                    break;
            }

            writer.WriteEndObject();
        }

        var header = form == ErrorForm.Header ? code + ErrorTypeSuffix : null;
        return (header, buffer.WrittenSpan.ToArray());
    }
}
