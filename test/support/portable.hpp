// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEST_SUPPORT_PORTABLE_HPP
#define BOOST_TEMPFILE_TEST_SUPPORT_PORTABLE_HPP

// The test-support layer every suite builds on, written once for POSIX and
// Windows: the test case's directory (tmp_path()), a scratch directory,
// presence, contents and identity of entries
// (made and read without the library under test), directory listings, raw
// I/O on a native handle, a handle-leak check, environment scopes, the native
// error codes a test expects, and how a test says that something cannot be
// tested on this system. test/run/test_support.hpp adds what only POSIX has
// (fork, capabilities, umask, modes); test/windows/win_support.hpp what only
// Windows has (DACLs, sharing modes).

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/tempfile/fault_injection.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/platform.hpp>
#include <boost/tempfile/test_dirs.hpp>
#include <boost/tempfile/unit_test.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#if defined(_WIN32)
#include <windows.h>
#else
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace portable {

namespace fs = boost::filesystem;

using handle = boost::tempfile::native_handle_type;

// ---- which backend runs ------------------------------------------------------------------------

#if defined(_WIN32)
constexpr bool posix = false;
#else
constexpr bool posix = true;
#endif

//! True when the library runs its Linux backend (O_TMPFILE, renameat2,
//! memfd_create, O_PATH); false on Windows and on the plain POSIX backend
//! (BOOST_TEMPFILE_FORCE_POSIX_PLATFORM, macOS, the BSDs).
constexpr bool linux_backend = std::is_base_of< boost::tempfile::linux_platform, boost::tempfile::system_platform >::value;

inline const char* backend_name()
{
    return posix ? (linux_backend ? "Linux" : "plain POSIX") : "Windows";
}

//! Says why the rest of a test cannot run on this backend, where the tools
//! show it ("NOT TESTED" lines), and ends the test. For a behaviour this
//! system really lacks, never for a failure.
#define PORTABLE_NOT_TESTED_HERE(why)                                                                                \
    do                                                                                                               \
    {                                                                                                                \
        BOOST_TEST_MESSAGE("NOT TESTED on " << ::portable::backend_name() << ": " << why);                           \
        return;                                                                                                      \
    } while (false)

// ---- native error codes ------------------------------------------------------------------------
// Conditions (errc::file_exists, ...) are compared as they are: Boost.System
// maps both errno values and Win32 codes onto them. What has no errc gets a
// name here.

inline boost::system::error_code system_error(int code)
{
    return boost::system::error_code(code, boost::system::system_category());
}

#if defined(_WIN32)
//! The name now means another entry than the object's (a replaced name).
constexpr int name_means_another_entry = ERROR_FILE_INVALID;
constexpr int disk_full = ERROR_DISK_FULL;
constexpr int access_denied = ERROR_ACCESS_DENIED;
constexpr int io_error = ERROR_IO_DEVICE;
constexpr int too_many_open_files = ERROR_TOO_MANY_OPEN_FILES;
constexpr int operation_not_supported = ERROR_NOT_SUPPORTED;
//! What making a directory at a taken name reports.
constexpr int directory_exists = ERROR_ALREADY_EXISTS;
#else
constexpr int name_means_another_entry = ESTALE;
constexpr int disk_full = ENOSPC;
constexpr int access_denied = EACCES;
constexpr int io_error = EIO;
constexpr int too_many_open_files = EMFILE;
constexpr int operation_not_supported = EOPNOTSUPP;
constexpr int directory_exists = EEXIST;
#endif

//! The error a system call reported, in the category the library's rule
//! puts it (system_category), meaning the condition `c`.
inline bool system_says(const boost::system::error_code& ec, boost::system::errc::errc_t c)
{
    return ec.category() == boost::system::system_category() && ec == c;
}

// ---- entries, made and read without the library under test -------------------------------------

#if defined(_WIN32)
inline std::string utf8(const std::wstring& w)
{
    if (w.empty())
        return std::string();
    const int n = ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast< int >(w.size()), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast< std::size_t >(n), '\0');
    ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast< int >(w.size()), &out[0], n, nullptr, nullptr);
    return out;
}
#endif

#if defined(_WIN32)
inline std::wstring widen_utf8(const std::string& s)
{
    if (s.empty())
        return std::wstring();
    const int n = ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast< int >(s.size()), nullptr, 0);
    std::wstring out(static_cast< std::size_t >(n), L'\0');
    ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast< int >(s.size()), &out[0], n);
    return out;
}
#endif

//! The path named by a UTF-8 string (a name from names_in()).
inline fs::path from_utf8(const std::string& name)
{
#if defined(_WIN32)
    return fs::path(widen_utf8(name));
#else
    return fs::path(name);
#endif
}

//! A file name as UTF-8 (as it is on POSIX).
inline std::string name_of(const fs::path& p)
{
#if defined(_WIN32)
    return utf8(p.filename().native());
#else
    return p.filename().native();
#endif
}

//! True if something is at p; a symlink (even a dangling one) is not followed.
inline bool present(const fs::path& p)
{
#if defined(_WIN32)
    return ::GetFileAttributesW(p.c_str()) != INVALID_FILE_ATTRIBUTES;
#else
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0;
#endif
}

//! True if p is a directory itself (not a link to one).
inline bool is_real_dir(const fs::path& p)
{
#if defined(_WIN32)
    const DWORD a = ::GetFileAttributesW(p.c_str());
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY) && !(a & FILE_ATTRIBUTE_REPARSE_POINT);
#else
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
#endif
}

//! Creates p, or truncates what is there, and writes `text`; throws
//! std::runtime_error naming p if it cannot.
inline void write_file(const fs::path& p, const std::string& text)
{
#if defined(_WIN32)
    // Through CreateFileW: with libstdc++ the narrow streams open the name
    // in the ANSI code page, which loses non-ASCII names.
    HANDLE h = ::CreateFileW(p.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, 0, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        throw std::runtime_error("cannot create " + p.string() + ": error " + std::to_string(::GetLastError()));
    DWORD put = 0;
    const bool ok = ::WriteFile(h, text.data(), static_cast< DWORD >(text.size()), &put, nullptr) && put == text.size();
    ::CloseHandle(h);
#else
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error("cannot create " + p.string() + ": " + std::strerror(errno));
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast< ::ssize_t >(text.size());
    ::close(fd);
#endif
    if (!ok)
        throw std::runtime_error("cannot write " + p.string());
}

//! The whole content of the file at p, or "<cannot open>".
inline std::string read_file(const fs::path& p)
{
    std::string text;
#if defined(_WIN32)
    HANDLE h = ::CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                             OPEN_EXISTING, 0, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return "<cannot open>";
    char buf[4096];
    DWORD got = 0;
    while (::ReadFile(h, buf, sizeof buf, &got, nullptr) && got > 0)
        text.append(buf, got);
    ::CloseHandle(h);
#else
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return "<cannot open>";
    char buf[4096];
    ::ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        text.append(buf, static_cast< std::size_t >(n));
    ::close(fd);
#endif
    return text;
}

//! Makes the directory p (not its parents); throws std::runtime_error naming
//! p if it cannot.
inline void make_dir(const fs::path& p)
{
#if defined(_WIN32)
    if (!::CreateDirectoryW(p.c_str(), nullptr))
        throw std::runtime_error("cannot make directory " + p.string() + ": error " +
                                 std::to_string(::GetLastError()));
#else
    if (::mkdir(p.c_str(), 0755) != 0)
        throw std::runtime_error("cannot make directory " + p.string() + ": " + std::strerror(errno));
#endif
}

//! Removes the file (not a directory) at p, as another program would: by
//! name, whatever the library holds open. True on success.
inline bool remove_file(const fs::path& p)
{
#if defined(_WIN32)
    return ::DeleteFileW(p.c_str()) != 0;
#else
    return ::unlink(p.c_str()) == 0;
#endif
}

//! The names in a directory (UTF-8, without "." and ".."); throws
//! std::runtime_error naming the directory if it cannot be read.
inline std::set< std::string > names_in(const fs::path& dir)
{
    std::set< std::string > names;
#if defined(_WIN32)
    WIN32_FIND_DATAW data;
    HANDLE find = ::FindFirstFileW((dir / L"*").c_str(), &data);
    if (find == INVALID_HANDLE_VALUE)
        throw std::runtime_error("cannot list " + dir.string() + ": error " + std::to_string(::GetLastError()));
    do
    {
        const std::wstring n = data.cFileName;
        if (n != L"." && n != L"..")
            names.insert(utf8(n));
    } while (::FindNextFileW(find, &data));
    ::FindClose(find);
#else
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        throw std::runtime_error("cannot list " + dir.string() + ": " + std::strerror(errno));
    while (struct dirent* e = ::readdir(d))
    {
        const std::string n = e->d_name;
        if (n != "." && n != "..")
            names.insert(n);
    }
    ::closedir(d);
#endif
    return names;
}

//! How many entries a directory holds.
inline std::size_t entries(const fs::path& dir)
{
    return names_in(dir).size();
}

//! The names in a directory other than `expected`, space-separated: what a
//! test left behind, readable in a failure message.
inline std::string leftovers(const fs::path& dir, const std::vector< std::string >& expected)
{
    std::string all;
    for (const std::string& n : names_in(dir))
    {
        bool known = false;
        for (const std::string& e : expected)
            known = known || e == n;
        if (!known)
            all += n + " ";
    }
    return all;
}

//! What makes an entry itself (device and inode; volume and file index), its
//! size, and its mode bits or attributes: equal before and after means
//! nobody replaced, changed or resized it. The entry itself, never a link's
//! target.
struct entry_state
{
    std::uint64_t device = 0, inode = 0, size = 0;
    unsigned long mode = 0; // st_mode / file attributes
    bool exists = false;
    friend bool operator==(const entry_state& a, const entry_state& b)
    {
        return a.exists == b.exists && a.device == b.device && a.inode == b.inode && a.size == b.size &&
               a.mode == b.mode;
    }
    friend bool operator!=(const entry_state& a, const entry_state& b) { return !(a == b); }
    friend std::ostream& operator<<(std::ostream& out, const entry_state& s)
    {
        if (!s.exists)
            return out << "<nothing>";
        return out << "{dev " << s.device << ", ino " << s.inode << ", size " << s.size << ", mode " << std::oct
                   << s.mode << std::dec << "}";
    }
};

inline entry_state state_of(const fs::path& p)
{
    entry_state s;
#if defined(_WIN32)
    HANDLE h = ::CreateFileW(p.c_str(), FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                             nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return s;
    BY_HANDLE_FILE_INFORMATION info;
    if (::GetFileInformationByHandle(h, &info))
    {
        s.exists = true;
        s.device = info.dwVolumeSerialNumber;
        s.inode = (static_cast< std::uint64_t >(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
        s.size = (static_cast< std::uint64_t >(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
        s.mode = info.dwFileAttributes & ~static_cast< DWORD >(FILE_ATTRIBUTE_ARCHIVE);
    }
    ::CloseHandle(h);
#else
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0)
        return s;
    s.exists = true;
    s.device = static_cast< std::uint64_t >(st.st_dev);
    s.inode = static_cast< std::uint64_t >(st.st_ino);
    s.size = static_cast< std::uint64_t >(st.st_size);
    s.mode = st.st_mode;
#endif
    return s;
}

//! What makes an entry itself -- device and inode, volume and file index --
//! and how many names it has. Equal identities: the same entry (the link
//! count is shown, not compared).
struct identity
{
    std::uint64_t device = 0, inode = 0;
    unsigned long links = 0;
    friend bool operator==(const identity& a, const identity& b) { return a.device == b.device && a.inode == b.inode; }
    friend bool operator!=(const identity& a, const identity& b) { return !(a == b); }
    friend std::ostream& operator<<(std::ostream& out, const identity& i)
    {
        return out << "dev " << i.device << " ino " << i.inode << " links " << i.links;
    }
};

#if defined(_WIN32)
inline identity identity_of_handle(HANDLE h)
{
    identity i;
    BY_HANDLE_FILE_INFORMATION info;
    if (::GetFileInformationByHandle(h, &info))
    {
        i.device = info.dwVolumeSerialNumber;
        i.inode = (static_cast< std::uint64_t >(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
        i.links = info.nNumberOfLinks;
    }
    return i;
}
#endif

//! The identity of the entry at p (a symlink is not followed); all zero if none.
inline identity identity_of(const fs::path& p)
{
#if defined(_WIN32)
    HANDLE h = ::CreateFileW(p.c_str(), FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                             nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return identity();
    const identity i = identity_of_handle(h);
    ::CloseHandle(h);
    return i;
#else
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0)
        return identity();
    identity i;
    i.device = static_cast< std::uint64_t >(st.st_dev);
    i.inode = static_cast< std::uint64_t >(st.st_ino);
    i.links = static_cast< unsigned long >(st.st_nlink);
    return i;
#endif
}

//! Whether two names lead to the same entry (names not followed).
inline bool same_entry(const fs::path& a, const fs::path& b)
{
    const entry_state x = state_of(a), y = state_of(b);
    return x.exists && y.exists && x.device == y.device && x.inode == y.inode;
}

// ---- raw I/O on a native handle (a descriptor, a HANDLE) ----------------------------------------

inline handle no_handle()
{
    return boost::tempfile::system_platform::invalid_handle();
}

//! Whether h is an open handle of this process.
inline bool handle_is_open(handle h)
{
#if defined(_WIN32)
    DWORD flags = 0;
    return h != no_handle() && h != nullptr && ::GetHandleInformation(h, &flags) != 0;
#else
    return h >= 0 && ::fcntl(h, F_GETFD) != -1;
#endif
}

inline bool close_handle(handle h)
{
#if defined(_WIN32)
    return ::CloseHandle(h) != 0;
#else
    return ::close(h) == 0;
#endif
}

//! Writes all of `text` at the handle's position; true if it all went.
inline bool write_handle(handle h, const std::string& text)
{
#if defined(_WIN32)
    DWORD put = 0;
    return ::WriteFile(h, text.data(), static_cast< DWORD >(text.size()), &put, nullptr) && put == text.size();
#else
    return ::write(h, text.data(), text.size()) == static_cast< ::ssize_t >(text.size());
#endif
}

//! Reads up to `max` bytes at the handle's position.
inline std::string read_handle(handle h, std::size_t max)
{
    std::string out(max, '\0');
#if defined(_WIN32)
    DWORD got = 0;
    if (!::ReadFile(h, &out[0], static_cast< DWORD >(max), &got, nullptr))
        return "<cannot read>";
    out.resize(got);
#else
    const ::ssize_t n = ::read(h, &out[0], max);
    if (n < 0)
        return "<cannot read>";
    out.resize(static_cast< std::size_t >(n));
#endif
    return out;
}

//! The handle's file position, or -1.
inline long long handle_offset(handle h)
{
#if defined(_WIN32)
    LARGE_INTEGER zero, here;
    zero.QuadPart = 0;
    return ::SetFilePointerEx(h, zero, &here, FILE_CURRENT) ? here.QuadPart : -1;
#else
    return static_cast< long long >(::lseek(h, 0, SEEK_CUR));
#endif
}

//! The size of the handle's file, or -1.
inline long long handle_size(handle h)
{
#if defined(_WIN32)
    LARGE_INTEGER size;
    return ::GetFileSizeEx(h, &size) ? size.QuadPart : -1;
#else
    struct stat st;
    return ::fstat(h, &st) == 0 ? static_cast< long long >(st.st_size) : -1;
#endif
}

//! The whole content behind a handle; its position is left where it was.
inline std::string handle_contents(handle h)
{
    const long long here = handle_offset(h);
    if (here < 0)
        return "<cannot seek>";
    std::string out;
#if defined(_WIN32)
    LARGE_INTEGER zero, back;
    zero.QuadPart = 0;
    back.QuadPart = here;
    ::SetFilePointerEx(h, zero, nullptr, FILE_BEGIN);
    char buf[4096];
    DWORD got = 0;
    while (::ReadFile(h, buf, sizeof buf, &got, nullptr) && got > 0)
        out.append(buf, got);
    ::SetFilePointerEx(h, back, nullptr, FILE_BEGIN);
#else
    char buf[4096];
    ::off_t off = 0;
    for (;;)
    {
        const ::ssize_t n = ::pread(h, buf, sizeof buf, off);
        if (n <= 0)
            break;
        out.append(buf, static_cast< std::size_t >(n));
        off += n;
    }
#endif
    return out;
}

//! Closes a handle the test was given when the scope ends.
struct owned_handle
{
    explicit owned_handle(handle h) : fd(h) {}
    ~owned_handle()
    {
        if (fd != no_handle())
            close_handle(fd);
    }
    owned_handle(const owned_handle&) = delete;
    owned_handle& operator=(const owned_handle&) = delete;
    handle fd;
};

//! Whether two handles refer to the same file.
inline bool same_file(handle a, handle b)
{
#if defined(_WIN32)
    BY_HANDLE_FILE_INFORMATION x, y;
    return ::GetFileInformationByHandle(a, &x) && ::GetFileInformationByHandle(b, &y) &&
           x.dwVolumeSerialNumber == y.dwVolumeSerialNumber && x.nFileIndexHigh == y.nFileIndexHigh &&
           x.nFileIndexLow == y.nFileIndexLow;
#else
    struct stat x, y;
    return ::fstat(a, &x) == 0 && ::fstat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
#endif
}

//! The identity of the file a handle refers to; all zero if unknown.
inline identity identity_of(handle h)
{
#if defined(_WIN32)
    return identity_of_handle(h);
#else
    struct stat st;
    if (::fstat(h, &st) != 0)
        return identity();
    identity i;
    i.device = static_cast< std::uint64_t >(st.st_dev);
    i.inode = static_cast< std::uint64_t >(st.st_ino);
    i.links = static_cast< unsigned long >(st.st_nlink);
    return i;
#endif
}

//! What the handle refers to: the same entry as the name p (not followed).
inline bool handle_is(handle h, const fs::path& p)
{
    const entry_state by_name = state_of(p);
#if defined(_WIN32)
    BY_HANDLE_FILE_INFORMATION info;
    if (!::GetFileInformationByHandle(h, &info))
        return false;
    return by_name.exists && by_name.device == info.dwVolumeSerialNumber &&
           by_name.inode == ((static_cast< std::uint64_t >(info.nFileIndexHigh) << 32) | info.nFileIndexLow);
#else
    struct stat st;
    if (::fstat(h, &st) != 0)
        return false;
    return by_name.exists && by_name.device == static_cast< std::uint64_t >(st.st_dev) &&
           by_name.inode == static_cast< std::uint64_t >(st.st_ino);
#endif
}

//! The whole content of a stream from its start; its state is cleared
//! before and after.
template< typename Stream >
std::string stream_contents(Stream& s)
{
    s.clear();
    s.seekg(0);
    std::string out((std::istreambuf_iterator< char >(s)), std::istreambuf_iterator< char >());
    s.clear();
    return out;
}

// ---- leaks ---------------------------------------------------------------------------------------

//! Open handles of this process: descriptors in /proc/self/fd (the listing's
//! own not counted), or the process's handle count on Windows. -1 if unknown.
inline long open_handle_count()
{
#if defined(_WIN32)
    DWORD n = 0;
    if (::GetProcessHandleCount(::GetCurrentProcess(), &n) && n > 0)
        return static_cast< long >(n);
    // wine 8 answers 0: count the handle values that are open instead. They
    // are multiples of 4, the lowest free one given first, so the open ones
    // sit low: the scan stops 1024 values past the last open one it saw.
    long open = 0;
    std::uintptr_t last = 0;
    for (std::uintptr_t v = 4; v < last + 4 * 1024 + 4; v += 4)
    {
        DWORD flags = 0;
        if (::GetHandleInformation(reinterpret_cast< HANDLE >(v), &flags))
        {
            ++open;
            last = v;
        }
    }
    return open;
#else
    DIR* d = ::opendir("/proc/self/fd");
    if (!d)
        return -1;
    long n = 0;
    while (struct dirent* e = ::readdir(d))
        if (e->d_name[0] != '.')
            ++n;
    ::closedir(d);
    return n - 1;
#endif
}

//! open_handle_count() once what a process opens once and for all is open.
inline long settled_handle_count()
{
#if defined(_WIN32)
    // The first creation in a process keeps two handles for good (under wine
    // 8: what loading the security libraries opens): made once before the
    // first count, so that they are not taken for a leak.
    static const bool warmed_up = (boost::tempfile::named_temp_file<>(), true);
    (void)warmed_up;
#endif
    return open_handle_count();
}

//! Checks at the end of a scope that no handle was leaked in it.
struct handle_leak_check
{
    handle_leak_check() : before(settled_handle_count()) {}
    ~handle_leak_check() { BOOST_TEST(open_handle_count() == before, "handles leaked"); }
    handle_leak_check(const handle_leak_check&) = delete;
    handle_leak_check& operator=(const handle_leak_check&) = delete;
    long before;
};

// ---- faults ------------------------------------------------------------------------------------

//! No fault stays planned beyond the scope of a test, nor comes into it.
struct fault_scope
{
    fault_scope() { boost::tempfile::fault_injection::clear(); }
    ~fault_scope() { boost::tempfile::fault_injection::clear(); }
    fault_scope(const fault_scope&) = delete;
    fault_scope& operator=(const fault_scope&) = delete;
};

// ---- environment ---------------------------------------------------------------------------------

//! Sets (or, with nullptr, unsets) an environment variable for a scope.
struct scoped_env
{
    scoped_env(const char* name, const char* value) : name_(name)
    {
        const char* old = std::getenv(name);
        had_ = old != nullptr;
        if (had_)
            old_ = old;
        set(name_.c_str(), value);
    }
    ~scoped_env() { set(name_.c_str(), had_ ? old_.c_str() : nullptr); }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

    static void set(const char* name, const char* value)
    {
#if defined(_WIN32)
        // Both the process environment (GetEnvironmentVariableW, which the
        // library reads) and the CRT's copy (getenv).
        const std::wstring wname(name, name + std::strlen(name));
        if (value)
        {
            const std::wstring wvalue = fs::path(value).native();
            ::SetEnvironmentVariableW(wname.c_str(), wvalue.c_str());
            ::_putenv_s(name, value);
        }
        else
        {
            ::SetEnvironmentVariableW(wname.c_str(), nullptr);
            ::_putenv_s(name, "");
        }
#else
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
#endif
    }

    std::string name_, old_;
    bool had_ = false;
};

//! The environment variable the system's temporary directory comes from
//! first: TMPDIR on POSIX, TMP on Windows (GetTempPathW).
#if defined(_WIN32)
constexpr const char* temp_variable = "TMP";
#else
constexpr const char* temp_variable = "TMPDIR";
#endif

// ---- the test case's directory ------------------------------------------------------------------

//! This test case's own directory: boost::tempfile::unit_test::tmp_path()
//! (absolute, empty, 0700, named after the test case; the same for the rest
//! of the case). The suites' retention is `failed`: a passing test case's
//! directory goes when the case ends, a failing one's stays and the log says
//! where (BOOST_TEMPFILE_TEST_RETENTION=all keeps every one: the environment
//! wins over this default).
inline const fs::path& case_path()
{
    static const bool defaults =
        (boost::tempfile::test_dirs().retention(boost::tempfile::test_retention::failed), true);
    (void)defaults;
    return boost::tempfile::unit_test::tmp_path();
}

//! case_path() where a test used a scratch_dir: the same `path` and
//! `entries()`, but nothing is removed when the object goes (the directory
//! goes, or stays, with the test case). Make it first in a test case, before
//! a handle_leak_check: the first one of a program opens the run's lock,
//! held to the end. A test that needs several directories, its directory
//! removed inside the case, or one made in a forked child, uses scratch_dir.
struct case_dir
{
    case_dir() : path(case_path()) {}

    std::size_t entries() const { return portable::entries(path); }

    fs::path path;
};

// ---- scratch directory ---------------------------------------------------------------------------

//! A private directory for one test, made and removed without the library
//! under test (mkdtemp, 0700; on Windows a random name in the system's
//! temporary directory).
struct scratch_dir
{
    scratch_dir()
    {
#if defined(_WIN32)
        path = fs::temp_directory_path() / fs::unique_path(L"tf-test-%%%%-%%%%-%%%%-%%%%");
        fs::create_directories(path);
#else
        std::string t = (fs::temp_directory_path() / "tempfile-test-XXXXXX").string();
        if (!::mkdtemp(&t[0]))
            throw std::runtime_error("mkdtemp failed");
        path = t;
#endif
    }
    ~scratch_dir()
    {
        boost::system::error_code ec;
#if defined(_WIN32)
        // Undo the read-only attribute a test may have set, then remove.
        for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        {
            const DWORD a = ::GetFileAttributesW(it->path().c_str());
            if (a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_READONLY))
                ::SetFileAttributesW(it->path().c_str(), a & ~static_cast< DWORD >(FILE_ATTRIBUTE_READONLY));
        }
#else
        // Undo modes a test may have narrowed, then remove.
        for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
            if (!fs::is_symlink(it->symlink_status()))
                ::chmod(it->path().c_str(), 0700);
#endif
        fs::remove_all(path, ec);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;

    std::size_t entries() const { return portable::entries(path); }

    fs::path path;
};

} // namespace portable

#endif
