using System.Text;

namespace ConnectTools
{
    /// <summary>Checks and display helpers for identifiers given by users.</summary>
    public static class InputText
    {
        /// <summary>The most characters Connect accepts in an instance id (service model: 1–100).</summary>
        public const int MaxIdLength = 100;

        /// <summary>Index of the first character an id may not hold ('/', '\\', '?', '#', whitespace, control characters), or -1.</summary>
        public static int FirstInvalidIdChar(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (char.IsControl(c) || char.IsWhiteSpace(c) || c == '/' || c == '\\' || c == '?' || c == '#') return i;
            }
            return -1;
        }

        /// <summary>A value made safe to quote in a message: control characters escaped, long values cut.</summary>
        public static string Show(string? value, int max = 120)
        {
            if (value == null) return "";
            var sb = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                if (sb.Length >= max) { sb.Append("..."); break; }
                if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4"));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>Describes the character at <paramref name="index"/> for an error message.</summary>
        public static string DescribeChar(string s, int index)
        {
            char c = s[index];
            if (char.IsControl(c)) return "a control character (\\u" + ((int)c).ToString("x4") + ") at position " + (index + 1);
            if (char.IsWhiteSpace(c)) return "white space at position " + (index + 1);
            return "'" + c + "' at position " + (index + 1);
        }
    }
}
