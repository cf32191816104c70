using System.Runtime.InteropServices;

namespace CommitLab.Engine.Exploration;

/// <summary>
/// Zeroed native memory for the <see cref="FingerprintTable"/>'s slots, on Linux in 2 MB pages
/// where the kernel allows it. Every lookup in a table of hundreds of megabytes lands on a
/// different page; with 4 KB pages each one also misses the TLB, and under a hypervisor a TLB miss
/// walks two page tables. Transparent huge pages are commonly enabled only for memory that asks
/// (<c>madvise</c> mode), and the .NET heap does not ask, so the table maps its own memory and
/// asks. Elsewhere (Windows, the browser) it is ordinary zeroed native memory.
/// </summary>
internal sealed unsafe partial class SlotMemory : IDisposable
{
    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20, MadvHugePage = 14;

    private readonly bool mapped;
    private void* pointer;

    public SlotMemory(long bytes)
    {
        Bytes = bytes;
        if (OperatingSystem.IsLinux())
        {
            // Anonymous mappings arrive zeroed, so an empty table costs no clearing pass.
            var address = Mmap(0, (nuint)bytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (address != -1)
            {
                // Only a hint: if the kernel says no, the table works the same on small pages.
                _ = Madvise(address, (nuint)bytes, MadvHugePage);
                pointer = (void*)address;
                mapped = true;
                return;
            }
        }

        pointer = NativeMemory.AllocZeroed((nuint)bytes);
    }

    ~SlotMemory() => Release();

    public long Bytes { get; }

    public void* Pointer => pointer != null ? pointer : throw new ObjectDisposedException(nameof(SlotMemory));

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (pointer == null)
        {
            return;
        }

        if (mapped)
        {
            _ = Munmap((nint)pointer, (nuint)Bytes);
        }
        else
        {
            NativeMemory.Free(pointer);
        }

        pointer = null;
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
