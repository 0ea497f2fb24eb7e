using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ConnectTools.Emulator;

/// <summary>What a next token stands for: where the next page starts, for which operation, instance and query.</summary>
internal readonly record struct PageCursor(string Operation, string InstanceId, int Offset, ulong QueryHash);

/// <summary>
/// Opaque next tokens: the cursor, encrypted with a keystream and authenticated with HMAC-SHA256 under a key
/// private to this emulator, in standard base64 (so '+', '/' and '=' appear and clients must URL-encode them).
/// </summary>
internal sealed class NextTokenCodec
{
    private const byte FormatVersion = 1;
    private const int MacLength = 16;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Encode(PageCursor cursor)
    {
        var op = Encoding.UTF8.GetBytes(cursor.Operation);
        var instance = Encoding.UTF8.GetBytes(cursor.InstanceId);
        var payload = new byte[1 + 1 + op.Length + 4 + 8 + 2 + instance.Length];
        var span = payload.AsSpan();
        span[0] = FormatVersion;
        span[1] = (byte)op.Length;
        op.CopyTo(span[2..]);
        var at = 2 + op.Length;
        BinaryPrimitives.WriteInt32BigEndian(span[at..], cursor.Offset);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 4)..], cursor.QueryHash);
        BinaryPrimitives.WriteUInt16BigEndian(span[(at + 12)..], (ushort)instance.Length);
        instance.CopyTo(span[(at + 14)..]);

        var mac = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength).ToArray();
        Xor(payload, mac);
        var token = new byte[MacLength + payload.Length];
        mac.CopyTo(token, 0);
        payload.CopyTo(token, MacLength);
        return Convert.ToBase64String(token);
    }

    /// <summary>The cursor of a token this emulator issued, or null for anything else.</summary>
    public PageCursor? TryDecode(string token)
    {
        var raw = new byte[(token.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(token, raw, out var length) || length < MacLength + 16)
        {
            return null;
        }

        var mac = raw.AsSpan(0, MacLength).ToArray();
        var payload = raw.AsSpan(MacLength, length - MacLength).ToArray();
        Xor(payload, mac);
        var expected = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac) || payload[0] != FormatVersion)
        {
            return null;
        }

        var span = payload.AsSpan();
        var opLength = span[1];
        var at = 2 + opLength;
        if (payload.Length < at + 14)
        {
            return null;
        }

        var op = Encoding.UTF8.GetString(span.Slice(2, opLength));
        var offset = BinaryPrimitives.ReadInt32BigEndian(span[at..]);
        var hash = BinaryPrimitives.ReadUInt64BigEndian(span[(at + 4)..]);
        var instanceLength = BinaryPrimitives.ReadUInt16BigEndian(span[(at + 12)..]);
        if (payload.Length != at + 14 + instanceLength || offset < 0)
        {
            return null;
        }

        var instance = Encoding.UTF8.GetString(span.Slice(at + 14, instanceLength));
        return new PageCursor(op, instance, offset, hash);
    }

    private void Xor(byte[] data, byte[] nonce)
    {
        Span<byte> block = stackalloc byte[32];
        Span<byte> input = stackalloc byte[MacLength + 4];
        nonce.CopyTo(input);
        for (var i = 0; i < data.Length; i += 32)
        {
            BinaryPrimitives.WriteInt32BigEndian(input[MacLength..], i);
            HMACSHA256.HashData(_key, input, block);
            for (var j = 0; j < 32 && i + j < data.Length; j++)
            {
                data[i + j] ^= block[j];
            }
        }
    }
}
