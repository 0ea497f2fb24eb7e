using System;
using System.Collections.Generic;
using System.Text;

namespace ConnectTools.Emulator;

/// <summary>RFC 3986 percent-encoding as SigV4 defines it, and the raw-target parsing the router and verifier share.</summary>
internal static class UriEncoding
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>Percent-encodes every byte of the UTF-8 form except A–Z a–z 0–9 '-' '_' '.' '~'.</summary>
    public static string Encode(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (!IsUnreserved(c))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved((char)b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Percent-decodes (a '+' stays a '+').</summary>
    public static string Decode(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;

    /// <summary>The decoded segments of a raw path ("/users/a%2Fb/c" gives "users", "a/b", "c").</summary>
    public static string[] PathSegments(string rawPath)
    {
        var trimmed = rawPath.StartsWith('/') ? rawPath[1..] : rawPath;
        if (trimmed.Length == 0)
        {
            return [];
        }

        var parts = trimmed.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Decode(parts[i]);
        }

        return parts;
    }

    /// <summary>The decoded name/value pairs of a raw query string (with or without the leading '?').</summary>
    public static List<KeyValuePair<string, string>> QueryPairs(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            pairs.Add(eq < 0
                ? new(Decode(part), "")
                : new(Decode(part[..eq]), Decode(part[(eq + 1)..])));
        }

        return pairs;
    }

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
