// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// named_temp_file: how it is opened, its modes, I/O through the stream and
// the descriptor, what each cleanup policy removes and when, ownership moves,
// name uniqueness and collisions, and descriptors across fork and exec.

#define BOOST_TEST_MODULE named_temp_file
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::mode_of;
using test_support::scoped_umask;
using test_support::scratch_dir;
using test_support::read_file;
using test_support::write_file;

namespace {

mode_t fd_mode(int fd)
{
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return static_cast< mode_t >(-1);
    return st.st_mode & 07777;
}

ino_t inode_of(const fs::path& p)
{
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0)
        return 0;
    return st.st_ino;
}

bool fd_is_open(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1;
}

//! Execs /bin/sh in a child and asks whether descriptor `fd` is open there
//! and refers to a path starting with `where`. The shell's answer is its
//! exit status: 0 yes, 1 no, anything else a broken test.
int exec_child_sees_fd(int fd, const std::string& where)
{
    const std::string number = std::to_string(fd);
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
    {
        ::execl("/bin/sh", "sh", "-c",
                "case \"$(readlink /proc/self/fd/$1 2>/dev/null)\" in \"$2\"*) exit 0 ;; *) exit 1 ;; esac", "sh",
                number.c_str(), where.c_str(), static_cast< char* >(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

//! A naming policy that offers `taken` for the first `collisions` calls and
//! then "fresh-<call number>", so a test decides which names collide.
struct scripted_name
{
    static inline std::string taken;
    static inline unsigned collisions = 0;
    static inline unsigned calls = 0;

    static void script(std::string name, unsigned k)
    {
        taken = std::move(name);
        collisions = k;
        calls = 0;
    }

    void generate(const tf::options&, std::string& name)
    {
        name = calls < collisions ? taken : "fresh-" + std::to_string(calls);
        ++calls;
    }
};

using scripted_file = tf::basic_named_temp_file< tf::delete_on_close, scripted_name >;

} // namespace

// A platform that records the flags and mode of every open it is asked for,
// then opens for real: it shows exactly what the library asks the kernel for.
namespace recording {

struct platform : tf::native_platform
{
};

struct seen_opens
{
    int flags = 0;
    mode_t mode = 0;
    unsigned count = 0;
};

inline seen_opens& seen()
{
    static seen_opens s;
    return s;
}

inline int open_at(platform, int dirfd, const char* name, int flags, ::mode_t mode) noexcept
{
    seen().flags = flags;
    seen().mode = mode;
    ++seen().count;
    return boost::tempfile::sys::open_at(tf::native_platform{}, dirfd, name, flags, mode);
}

} // namespace recording

BOOST_AUTO_TEST_SUITE(creation)

BOOST_AUTO_TEST_CASE(opens_with_rdwr_creat_excl_nofollow_cloexec_and_mode_0600)
{
    fd_leak_check leak;
    scratch_dir scratch;
    recording::seen() = recording::seen_opens{};
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, recording::platform > f(
        tf::options().dir(scratch.path));
    BOOST_TEST(recording::seen().count == 1u);
    BOOST_TEST(recording::seen().flags == (O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC));
    BOOST_TEST(recording::seen().mode == 0600u);
    BOOST_TEST(fs::is_regular_file(f.path()));
}

BOOST_AUTO_TEST_CASE(descriptor_is_read_write_and_close_on_exec)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const int fd = f.native_handle();
    BOOST_TEST_REQUIRE(fd >= 0);
    const int fl = ::fcntl(fd, F_GETFL);
    BOOST_TEST((fl & O_ACCMODE) == O_RDWR);
    BOOST_TEST((fl & O_APPEND) == 0);
    BOOST_TEST((::fcntl(fd, F_GETFD) & FD_CLOEXEC) == FD_CLOEXEC);
}

BOOST_AUTO_TEST_CASE(default_construction_creates_in_temp_directory_path)
{
    fd_leak_check leak;
    fs::path p;
    {
        tf::named_temp_file<> f;
        p = f.path();
        BOOST_TEST(f.is_open());
        BOOST_TEST(f.owns_name());
        BOOST_TEST(p.is_absolute());
        BOOST_TEST(p.parent_path() == tf::temp_directory_path());
        BOOST_TEST(fs::is_regular_file(p));
        BOOST_TEST(fs::file_size(p) == 0u);
    }
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(path_is_absolute_and_names_the_open_file)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(f.path().is_absolute());
    BOOST_TEST(f.path().parent_path() == scratch.path);
    struct stat by_fd, by_name;
    BOOST_TEST_REQUIRE(::fstat(f.native_handle(), &by_fd) == 0);
    BOOST_TEST_REQUIRE(::lstat(f.path().c_str(), &by_name) == 0);
    BOOST_TEST(by_fd.st_ino == by_name.st_ino);
    BOOST_TEST(by_fd.st_dev == by_name.st_dev);
    BOOST_TEST(S_ISREG(by_name.st_mode));
}

BOOST_AUTO_TEST_CASE(error_code_form_clears_a_stale_error_on_success)
{
    fd_leak_check leak;
    scratch_dir scratch;
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    tf::named_temp_file<> f(tf::options().dir(scratch.path), ec);
    BOOST_TEST(!ec);
    BOOST_TEST(f.is_open());
    BOOST_TEST(fs::exists(f.path()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(modes)

BOOST_AUTO_TEST_CASE(owner_only_is_0600_under_umask_000)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(0);
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(f.path()) == 0600u);
    BOOST_TEST(fd_mode(f.native_handle()) == 0600u);
}

BOOST_AUTO_TEST_CASE(owner_only_is_0600_under_umask_077)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(077);
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(f.path()) == 0600u);
}

BOOST_AUTO_TEST_CASE(mode_policy_is_narrowed_by_the_umask)
{
    fd_leak_check leak;
    scratch_dir scratch;
    using file_0640 = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::mode< 0640, 0750 > >;
    {
        scoped_umask mask(022);
        file_0640 f(tf::options().dir(scratch.path));
        BOOST_TEST(mode_of(f.path()) == (0640u & ~022u));
    }
    {
        // 077 takes the group's read bit: the umask really applies.
        scoped_umask mask(077);
        file_0640 f(tf::options().dir(scratch.path));
        BOOST_TEST(mode_of(f.path()) == 0600u);
    }
}

BOOST_AUTO_TEST_CASE(exact_mode_ignores_the_umask)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(077);
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::exact_mode< 0640, 0750 > > f(
        tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(f.path()) == 0640u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(io)

BOOST_AUTO_TEST_CASE(stream_write_seek_and_read_back)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "Hello, temporary world!\n"
               << "This is some sample data.";
    f.stream().seekg(0);
    std::string first, second;
    std::getline(f.stream(), first);
    std::getline(f.stream(), second);
    BOOST_TEST(first == "Hello, temporary world!");
    BOOST_TEST(second == "This is some sample data.");
    // And the bytes are in the file itself, for anyone who opens the name.
    f.native_handle();
    BOOST_TEST(read_file(f.path()) == "Hello, temporary world!\nThis is some sample data.");
}

BOOST_AUTO_TEST_CASE(large_stream_write_round_trips)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    std::string big(100000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast< char >('a' + i % 23);
    f.stream() << "head:" << big;
    f.stream().seekg(0);
    std::string back((std::istreambuf_iterator< char >(f.stream())), std::istreambuf_iterator< char >());
    BOOST_TEST((back == "head:" + big));
    BOOST_TEST(fs::file_size(f.path()) == big.size() + 5);
}

BOOST_AUTO_TEST_CASE(native_handle_flushes_the_stream_before_raw_writes)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "abc";
    const int fd = f.native_handle();
    BOOST_TEST_REQUIRE(::write(fd, "def", 3) == 3);
    f.stream().seekg(0);
    std::string back;
    f.stream() >> back;
    BOOST_TEST(back == "abcdef");
}

BOOST_AUTO_TEST_CASE(raw_writes_are_seen_by_the_stream)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST_REQUIRE(::write(f.native_handle(), "raw bytes", 9) == 9);
    f.stream().seekg(0);
    std::string a, b;
    f.stream() >> a >> b;
    BOOST_TEST(a == "raw");
    BOOST_TEST(b == "bytes");
}

BOOST_AUTO_TEST_CASE(native_handle_gives_back_what_the_stream_read_ahead)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST_REQUIRE(::write(f.native_handle(), "0123456789", 10) == 10);
    f.stream().seekg(0);
    BOOST_TEST(f.stream().get() == '0'); // the stream buffers all ten bytes
    const int fd = f.native_handle();
    BOOST_TEST(::lseek(fd, 0, SEEK_CUR) == 1);
    char rest[9] = {};
    BOOST_TEST_REQUIRE(::read(fd, rest, sizeof rest) == 9);
    BOOST_TEST(std::string(rest, 9) == "123456789");
}

BOOST_AUTO_TEST_CASE(stream_position_follows_raw_writes_after_resync)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "one ";
    BOOST_TEST_REQUIRE(::write(f.native_handle(), "two ", 4) == 4);
    f.stream().seekp(0, std::ios::end);
    f.stream() << "three";
    f.native_handle();
    BOOST_TEST(read_file(f.path()) == "one two three");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(delete_on_close_policy)

BOOST_AUTO_TEST_CASE(removed_on_destruction)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        p = f.path();
        BOOST_TEST(fs::exists(p));
    }
    BOOST_TEST(!fs::exists(p));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(removed_on_close)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    const int fd = f.native_handle();
    f.close();
    BOOST_TEST(!fs::exists(p));
    BOOST_TEST(!f.is_open());
    BOOST_TEST(!f.owns_name());
    BOOST_TEST(!fd_is_open(fd));
    BOOST_TEST(f.native_handle() == -1);
}

BOOST_AUTO_TEST_CASE(close_is_idempotent_and_never_touches_a_later_file_of_the_same_name)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        p = f.path();
        f.close();
        // Someone else now uses the name: it is not ours any more.
        write_file(p, "someone else's");
        boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
        f.close(ec);
        BOOST_TEST(!ec);
        f.close();
        BOOST_TEST(fs::exists(p));
    }
    BOOST_TEST(read_file(p) == "someone else's");
}

BOOST_AUTO_TEST_CASE(file_removed_by_hand_before_close_is_not_an_error)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "data";
    BOOST_TEST_REQUIRE(::unlink(f.path().c_str()) == 0);
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    f.close(ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(!f.is_open());
}

BOOST_AUTO_TEST_CASE(file_removed_by_hand_before_destruction_is_not_an_error)
{
    fd_leak_check leak;
    scratch_dir scratch;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        BOOST_TEST_REQUIRE(::unlink(f.path().c_str()) == 0);
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(throwing_close_removed_by_hand_does_not_throw)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST_REQUIRE(::unlink(f.path().c_str()) == 0);
    BOOST_CHECK_NO_THROW(f.close());
}

BOOST_AUTO_TEST_CASE(stream_after_close_throws_bad_file_descriptor)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.close();
    bool thrown = false;
    try
    {
        f.stream();
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST((e.code() == boost::system::errc::bad_file_descriptor), e.code().message());
    }
    BOOST_TEST(thrown);
}

BOOST_AUTO_TEST_CASE(remove_removes_now)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file< tf::keep > f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    boost::system::error_code ec;
    f.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!fs::exists(p));
    BOOST_TEST(!f.is_open());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(other_cleanup_policies)

BOOST_AUTO_TEST_CASE(delete_on_destroy_close_keeps_the_name_for_another_open)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
        p = f.path();
        f.stream() << "handed over";
        f.close();
        BOOST_TEST(!f.is_open());
        BOOST_TEST(fs::exists(p));
        // As another process would: open by name and find the contents.
        const int other = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
        BOOST_TEST_REQUIRE(other >= 0);
        char buf[32] = {};
        const ssize_t n = ::read(other, buf, sizeof buf);
        ::close(other);
        BOOST_TEST(std::string(buf, n > 0 ? static_cast< std::size_t >(n) : 0u) == "handed over");
    }
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(delete_on_destroy_removed_on_destruction_without_close)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
        p = f.path();
    }
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(keep_policy_never_removes)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file< tf::keep > f(tf::options().dir(scratch.path));
        p = f.path();
        f.stream() << "kept";
        f.close();
        BOOST_TEST(fs::exists(p));
    }
    {
        // Nor does being replaced by move assignment.
        tf::named_temp_file< tf::keep > g(tf::options().dir(scratch.path));
        const fs::path q = g.path();
        g = tf::named_temp_file< tf::keep >(tf::options().dir(scratch.path));
        BOOST_TEST(fs::exists(q));
        fs::remove(q);
        fs::remove(g.path());
    }
    BOOST_TEST(fs::exists(p));
    BOOST_TEST(read_file(p) == "kept");
    fs::remove(p);
}

BOOST_AUTO_TEST_CASE(keep_member_cancels_removal_but_keeps_the_descriptor)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        p = f.path();
        f.keep();
        BOOST_TEST(!f.owns_name());
        BOOST_TEST(f.is_open());
        f.stream() << "still writable";
        f.close();
        BOOST_TEST(fs::exists(p));
    }
    BOOST_TEST(fs::exists(p));
    BOOST_TEST(read_file(p) == "still writable");
    fs::remove(p);
}

BOOST_AUTO_TEST_CASE(release_hands_over_descriptor_and_path)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::created_file made{-1, fs::path()};
    fs::path original;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        original = f.path();
        f.stream() << "buffered";
        made = f.release();
        BOOST_TEST(f.path().empty());
        BOOST_TEST(!f.is_open());
        BOOST_TEST(!f.owns_name());
        BOOST_TEST(f.native_handle() == -1);
    }
    BOOST_TEST(made.path == original);
    BOOST_TEST(fs::exists(made.path));
    BOOST_TEST_REQUIRE(fd_is_open(made.handle));
    // What the stream buffered was written before the hand-over.
    char buf[16] = {};
    BOOST_TEST(::pread(made.handle, buf, sizeof buf, 0) == 8);
    BOOST_TEST(std::string(buf, 8) == "buffered");
    ::close(made.handle);
    fs::remove(made.path);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ownership)

BOOST_AUTO_TEST_CASE(move_construction_transfers_the_cleanup_once)
{
    fd_leak_check leak;
    scratch_dir scratch;
    std::optional< tf::named_temp_file<> > from(std::in_place, tf::options().dir(scratch.path));
    const fs::path p = from->path();
    from->stream() << "moved";
    std::optional< tf::named_temp_file<> > to(std::in_place, std::move(*from));
    BOOST_TEST(from->path().empty());
    BOOST_TEST(!from->is_open());
    BOOST_TEST(!from->owns_name());
    BOOST_TEST(to->path() == p);
    BOOST_TEST(to->is_open());
    from.reset();
    BOOST_TEST(fs::exists(p));
    to->stream().seekg(0);
    std::string back;
    to->stream() >> back;
    BOOST_TEST(back == "moved");
    to.reset();
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(move_assignment_over_a_live_file_removes_the_old_one)
{
    fd_leak_check leak;
    scratch_dir scratch;
    std::optional< tf::named_temp_file<> > a(std::in_place, tf::options().dir(scratch.path));
    std::optional< tf::named_temp_file<> > b(std::in_place, tf::options().dir(scratch.path));
    const fs::path pa = a->path(), pb = b->path();
    const int fda = a->native_handle();
    *a = std::move(*b);
    BOOST_TEST(!fs::exists(pa));
    BOOST_TEST(!fd_is_open(fda));
    BOOST_TEST(a->path() == pb);
    BOOST_TEST(b->path().empty());
    BOOST_TEST(!b->is_open());
    b.reset();
    BOOST_TEST(fs::exists(pb));
    a.reset();
    BOOST_TEST(!fs::exists(pb));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(move_assignment_into_an_empty_object)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> a(tf::options().dir(scratch.path));
    const fs::path pa = a.path();
    a.close();
    tf::named_temp_file<> b(tf::options().dir(scratch.path));
    const fs::path pb = b.path();
    a = std::move(b);
    BOOST_TEST(a.path() == pb);
    BOOST_TEST(a.is_open());
    BOOST_TEST(fs::exists(pb));
    a.close();
    BOOST_TEST(!fs::exists(pb));
}

BOOST_AUTO_TEST_CASE(swap_exchanges_files_and_duties)
{
    fd_leak_check leak;
    scratch_dir scratch;
    std::optional< tf::named_temp_file<> > a(std::in_place, tf::options().dir(scratch.path));
    std::optional< tf::named_temp_file< tf::delete_on_close > > b(std::in_place, tf::options().dir(scratch.path));
    const fs::path pa = a->path(), pb = b->path();
    a->stream() << "A";
    b->stream() << "B";
    a->swap(*b);
    BOOST_TEST(a->path() == pb);
    BOOST_TEST(b->path() == pa);
    a->stream().seekg(0);
    BOOST_TEST(static_cast< char >(a->stream().get()) == 'B');
    swap(*a, *b);
    BOOST_TEST(a->path() == pa);
    BOOST_TEST(b->path() == pb);
    a->swap(*b);
    a.reset();
    BOOST_TEST(!fs::exists(pb));
    BOOST_TEST(fs::exists(pa));
    b.reset();
    BOOST_TEST(!fs::exists(pa));
}

BOOST_AUTO_TEST_CASE(forked_child_never_removes_its_parents_file)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    const int child = test_support::run_in_child([&] {
        f.close(); // delete_on_close, but the child did not create it
        if (!fs::exists(p))
            return 1;
        {
            tf::named_temp_file<> copy(std::move(f));
        }
        return fs::exists(p) ? 0 : 2;
    });
    BOOST_TEST(child == 0);
    BOOST_TEST(fs::exists(p));
    BOOST_TEST(f.is_open());
    f.close();
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(names)

BOOST_AUTO_TEST_CASE(two_thousand_names_in_one_directory_are_distinct_and_all_removed)
{
    fd_leak_check leak;
    scratch_dir scratch;
    {
        std::vector< tf::named_temp_file< tf::delete_on_destroy > > files;
        std::set< fs::path > paths;
        files.reserve(2000);
        for (int i = 0; i < 2000; ++i)
        {
            files.emplace_back(tf::options().dir(scratch.path));
            paths.insert(files.back().path());
            files.back().close(); // keeps the name, frees the descriptor
        }
        BOOST_TEST(paths.size() == 2000u);
        BOOST_TEST(scratch.entries() == 2000u);
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(collision_with_existing_file_moves_to_next_name)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const fs::path taken = scratch.path / "taken";
    write_file(taken, "precious");
    ::chmod(taken.c_str(), 0644);
    const ino_t before = inode_of(taken);
    scripted_name::script("taken", 3);
    {
        scripted_file f(tf::options().dir(scratch.path));
        BOOST_TEST(f.path() == scratch.path / "fresh-3");
        BOOST_TEST(scripted_name::calls == 4u);
        BOOST_TEST(fs::is_regular_file(f.path()));
    }
    BOOST_TEST(read_file(taken) == "precious");
    BOOST_TEST(mode_of(taken) == 0644u);
    BOOST_TEST(inode_of(taken) == before);
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(collision_with_existing_directory_moves_to_next_name)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const fs::path taken = scratch.path / "taken";
    fs::create_directory(taken);
    write_file(taken / "inner", "inside");
    scripted_name::script("taken", 2);
    {
        scripted_file f(tf::options().dir(scratch.path));
        BOOST_TEST(f.path() == scratch.path / "fresh-2");
        BOOST_TEST(scripted_name::calls == 3u);
    }
    BOOST_TEST(fs::is_directory(taken));
    BOOST_TEST(read_file(taken / "inner") == "inside");
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(symlink_with_the_chosen_name_is_never_followed)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const fs::path victim = scratch.path / "victim";
    write_file(victim, "victim");
    fs::create_symlink(victim, scratch.path / "to-victim");
    fs::create_symlink(scratch.path / "would-be-created", scratch.path / "dangling");
    scripted_name::script("to-victim", 1);
    {
        scripted_file f(tf::options().dir(scratch.path));
        BOOST_TEST(f.path() == scratch.path / "fresh-1");
        f.stream() << "mine";
    }
    scripted_name::script("dangling", 1);
    {
        scripted_file f(tf::options().dir(scratch.path));
        BOOST_TEST(f.path() == scratch.path / "fresh-1");
    }
    BOOST_TEST(read_file(victim) == "victim");
    BOOST_TEST(!fs::exists(scratch.path / "would-be-created"));
    BOOST_TEST(fs::is_symlink(scratch.path / "dangling"));
    BOOST_TEST(fs::is_symlink(scratch.path / "to-victim"));
}

BOOST_AUTO_TEST_CASE(exhausted_attempts_throw_file_exists_naming_directory_and_count)
{
    fd_leak_check leak;
    scratch_dir scratch;
    write_file(scratch.path / "taken", "");
    scripted_name::script("taken", UINT_MAX);
    bool thrown = false;
    try
    {
        scripted_file f(tf::options().dir(scratch.path).attempts(5));
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST((e.code() == boost::system::errc::file_exists), e.code().message());
        BOOST_TEST(e.path1() == scratch.path);
        const std::string what = e.what();
        BOOST_TEST(what.find(scratch.path.string()) != std::string::npos, what);
        BOOST_TEST(what.find('5') != std::string::npos, what);
    }
    BOOST_TEST(thrown);
    BOOST_TEST(scripted_name::calls == 5u);
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(exhausted_attempts_error_code_form_leaves_nothing_behind)
{
    fd_leak_check leak;
    scratch_dir scratch;
    write_file(scratch.path / "taken", "");
    scripted_name::script("taken", UINT_MAX);
    boost::system::error_code ec;
    scripted_file f(tf::options().dir(scratch.path).attempts(5), ec);
    BOOST_TEST((ec == boost::system::errc::file_exists), ec.message());
    BOOST_TEST(scripted_name::calls == 5u);
    BOOST_TEST(f.path().empty());
    BOOST_TEST(!f.is_open());
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(exec)

BOOST_AUTO_TEST_CASE(descriptor_is_not_inherited_across_exec)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(exec_child_sees_fd(f.native_handle(), f.path().string()) == 1);
}

BOOST_AUTO_TEST_CASE(control_descriptor_without_cloexec_is_inherited)
{
    // Shows that the probe above can see an inherited descriptor at all.
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const int inheritable = ::dup(f.native_handle());
    BOOST_TEST_REQUIRE(inheritable >= 0);
    BOOST_TEST(exec_child_sees_fd(inheritable, f.path().string()) == 0);
    ::close(inheritable);
}

BOOST_AUTO_TEST_SUITE_END()
