using Xunit;

namespace ConnectTools.Module.Tests
{
    /// <summary>A test that needs pwsh with Pester 5: reported as SKIPPED, with the reason, when they are missing; never a silent pass.</summary>
    public sealed class PesterFactAttribute : FactAttribute
    {
        private static int _announced;

        public PesterFactAttribute()
        {
            string? reason = PwshLocator.SkipReason;
            if (reason != null)
            {
                Skip = reason;
                if (System.Threading.Interlocked.Exchange(ref _announced, 1) == 0) System.Console.Error.WriteLine(reason);
            }
        }
    }
}
