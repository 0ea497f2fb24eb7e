using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace ConnectTools.Client
{
    /// <summary>
    /// Reads the bodies of successful responses with <see cref="Utf8JsonReader"/>, one method per body and model type
    /// (this file: the primitives; WireReader.Instance.cs, .User.cs and .UserConfig.cs: the types). No generic code over
    /// value types, so the module's ReadyToRun image carries all of it precompiled: System.Text.Json's serializer first
    /// builds metadata whose generic instantiations over value types (DateTime?, bool?, int?) only the JIT can make, at
    /// the first call of every session.
    /// The rules are those the serializer followed with ConnectJson's settings before: member names case-sensitive,
    /// unknown members skipped whatever they hold, JSON null is null, the last of duplicate members wins, numbers strict
    /// (a number in a string is an error), timestamps as <see cref="EpochSeconds"/> reads them; invalid JSON or a value
    /// of the wrong kind is a <see cref="JsonException"/> that says where.
    /// </summary>
    internal static partial class WireReader
    {
        /// <summary>What System.Text.Json's reader puts in Source of the exceptions its serializer reports as JsonException.</summary>
        private const string ReaderRethrowable = "System.Text.Json.Rethrowable";

        /// <summary>Reads one value: the reader is on its first token, and is left on its last.</summary>
        internal delegate T Value<T>(ref Utf8JsonReader reader);

        /// <summary>Reads a whole body: one JSON value and nothing after it. A body of JSON null is null.</summary>
        internal static T? Parse<T>(ReadOnlySpan<byte> json, Value<T?> read) where T : class
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            try
            {
                reader.Read();
                T? body = read(ref reader);
                // The reader fails by itself on anything but whitespace after the value; a token here would mean that a
                // method above stopped inside its value.
                if (reader.Read()) throw new JsonException("'" + reader.TokenType + "' is invalid after a single JSON value.");
                return body;
            }
            catch (JsonException e) when (e.LineNumber == null)
            {
                // Ours (a value of the wrong kind): say where, as the reader's own errors do.
                throw Located(e.Message, json, ref reader, e);
            }
            catch (Exception e) when ((e is InvalidOperationException || e is FormatException) && e.Source == ReaderRethrowable)
            {
                // The reader's own value errors (a string that is not UTF-8, a number beyond double): the serializer turns
                // these, and only these, into a JsonException too.
                throw Located(e.Message, json, ref reader, e);
            }
        }

        /// <summary>A rented buffer twice as large holding the first <paramref name="length"/> bytes; the old one is returned.</summary>
        internal static byte[] Grow(byte[] buffer, int length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
            Buffer.BlockCopy(buffer, 0, larger, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
            return larger;
        }

        /// <summary>On a property name: true (and on its value) when it is <paramref name="name"/>.</summary>
        private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
        {
            if (!reader.ValueTextEquals(name)) return false;
            reader.Read();
            return true;
        }

        /// <summary>After an object's start or a member's value: true on the next property name, false at the object's end.</summary>
        private static bool NextMember(ref Utf8JsonReader reader)
        {
            reader.Read();
            return reader.TokenType == JsonTokenType.PropertyName;
        }

        /// <summary>True on an object's start; false on null; else an error naming the type expected.</summary>
        private static bool StartObject(ref Utf8JsonReader reader, string type)
        {
            if (reader.TokenType == JsonTokenType.StartObject) return true;
            if (reader.TokenType == JsonTokenType.Null) return false;
            throw WrongKind(ref reader, type);
        }

        /// <summary>An unknown member: its value is skipped, whatever it holds.</summary>
        private static void Skip(ref Utf8JsonReader reader) => reader.Skip();

        private static string? String(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String) return reader.GetString();
            if (reader.TokenType == JsonTokenType.Null) return null;
            throw WrongKind(ref reader, "System.String");
        }

        private static bool? Bool(ref Utf8JsonReader reader) =>
            reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Null => null,
                _ => throw WrongKind(ref reader, "System.Nullable`1[System.Boolean]"),
            };

        private static int? Int(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value)) return value;
            throw WrongKind(ref reader, "System.Nullable`1[System.Int32]");
        }

        private static long? Long(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value)) return value;
            throw WrongKind(ref reader, "System.Nullable`1[System.Int64]");
        }

        private static DateTime? Timestamp(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : EpochSeconds.Read(ref reader);

        private static Dictionary<string, string>? StringMap(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "System.Collections.Generic.Dictionary`2[System.String,System.String]")) return null;
            var map = new Dictionary<string, string>();
            while (NextMember(ref reader))
            {
                string key = reader.GetString()!;
                reader.Read();
                map[key] = String(ref reader)!;
            }
            return map;
        }

        /// <summary>A JSON array; an element of JSON null is a null element, as the serializer reads it.</summary>
        private static List<T>? List<T>(ref Utf8JsonReader reader, Value<T?> read, string type) where T : class
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray) throw WrongKind(ref reader, type);
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(read(ref reader)!);
            return list;
        }

        private static T[]? Array<T>(ref Utf8JsonReader reader, Value<T?> read, string type) where T : class => List(ref reader, read, type)?.ToArray();

        private static JsonException WrongKind(ref Utf8JsonReader reader, string type) =>
            new JsonException("The JSON value could not be converted to " + type + " (found " + reader.TokenType + ").");

        /// <summary>An error at the end of the reader's token, with its line and byte in the line (both from 0).</summary>
        private static JsonException Located(string message, ReadOnlySpan<byte> json, ref Utf8JsonReader reader, Exception inner)
        {
            int offset = (int)reader.BytesConsumed;
            long line = 0;
            int lineStart = 0;
            for (int i = 0; i < offset && i < json.Length; i++)
            {
                if (json[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            long column = offset - lineStart;
            return new JsonException(message + " LineNumber: " + line + " | BytePositionInLine: " + column + ".", null, line, column, inner);
        }
    }
}
