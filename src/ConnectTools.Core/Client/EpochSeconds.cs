using System;
using System.Globalization;
using System.Text.Json;

namespace ConnectTools.Client
{
    /// <summary>Connect's timestamps: epoch seconds (fractions allowed; a string of them or an ISO-8601 string is accepted too), as UTC.</summary>
    internal static class EpochSeconds
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The timestamp the reader is on (not null).</summary>
        internal static DateTime Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (!reader.TryGetDecimal(out decimal seconds))
                    seconds = (decimal)reader.GetDouble();
                return FromEpochSeconds(seconds);
            }
            if (reader.TokenType == JsonTokenType.String)
            {
                string s = reader.GetString()!;
                if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal seconds)) return FromEpochSeconds(seconds);
                return DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            }
            throw new JsonException("Expected a timestamp in epoch seconds, found " + reader.TokenType + ".");
        }

        internal static DateTime FromEpochSeconds(decimal seconds) =>
            Epoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond, 0, MidpointRounding.AwayFromZero));
    }
}
