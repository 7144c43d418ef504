// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Attacks on creation and removal by a hostile local user: symlinks planted
// at the names the library will try, a subdirectory swapped with a symlink
// while the tree is being removed, the top directory replaced before the
// owner ends, and another process deleting everything under the library's
// feet. Every check that "nothing outside was touched" is shown to be able
// to fail: the same checks run against a naive creator and a naive
// path-based remover and must catch them.
//   TEMPFILE_RACE_ROUNDS   rounds of the swap race (default 2000; the ".."
//                          race runs a quarter as many)

#define BOOST_TEST_MODULE attack
#include <boost/filesystem/directory.hpp>
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = boost::filesystem;
namespace tf = boost::tempfile;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::present;

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

namespace {

// ---- small file helpers (raw system calls, never the library under test) --

bool write_new_file(int dirfd, const char* name, const std::string& content)
{
    const int fd = ::openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, content.data(), content.size()) == static_cast< ssize_t >(content.size());
    ::close(fd);
    return ok;
}

bool write_new_file(const fs::path& p, const std::string& content)
{
    return write_new_file(AT_FDCWD, p.c_str(), content);
}

//! The file's content, never following a symlink at the last component.
std::string read_file(const fs::path& p)
{
    const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return "<unreadable>";
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        out.append(buf, static_cast< std::size_t >(n));
    ::close(fd);
    return out;
}

std::string link_target(const fs::path& p)
{
    char buf[4096];
    const ssize_t n = ::readlink(p.c_str(), buf, sizeof buf);
    return n < 0 ? std::string("<not a link>") : std::string(buf, static_cast< std::size_t >(n));
}

bool is_symlink_to(const fs::path& p, const fs::path& target)
{
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode) && link_target(p) == target.string();
}

// ---- snapshots of directories that must not change ------------------------

struct entry_state
{
    char type; // 'f' file, 'd' directory, 'l' symlink, '?' other
    ino_t inode;
    mode_t mode;
    std::string data; // a file's content, a link's target

    bool operator==(const entry_state& o) const
    {
        return type == o.type && inode == o.inode && mode == o.mode && data == o.data;
    }
};

using snapshot = std::map< std::string, entry_state >;

//! Every entry under root (root itself as "."), by lstat: symlinks are
//! recorded, never followed. Top-level names in `skip` are left out.
snapshot take_snapshot(const fs::path& root, const std::vector< std::string >& skip = {})
{
    snapshot s;
    auto record = [&s](const fs::path& p, const std::string& key) {
        struct stat st;
        if (::lstat(p.c_str(), &st) != 0)
            return;
        entry_state e{'?', st.st_ino, static_cast< mode_t >(st.st_mode & 07777), std::string()};
        if (S_ISREG(st.st_mode))
        {
            e.type = 'f';
            e.data = read_file(p);
        }
        else if (S_ISDIR(st.st_mode))
            e.type = 'd';
        else if (S_ISLNK(st.st_mode))
        {
            e.type = 'l';
            e.data = link_target(p);
        }
        s[key] = e;
    };
    record(root, ".");
    boost::system::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    {
        const std::string rel = it->path().lexically_relative(root).string();
        const std::string top = rel.substr(0, rel.find('/'));
        bool skipped = false;
        for (const std::string& name : skip)
            skipped = skipped || top == name;
        if (skipped)
        {
            if (rel == top && it->symlink_status().type() == fs::directory_file)
                it.disable_recursion_pending();
            continue;
        }
        record(it->path(), rel);
    }
    return s;
}

//! What changed between two snapshots, one line each; empty if nothing.
std::vector< std::string > differences(const snapshot& before, const snapshot& after)
{
    std::vector< std::string > out;
    for (const auto& b : before)
    {
        auto a = after.find(b.first);
        if (a == after.end())
            out.push_back("removed: " + b.first);
        else if (!(a->second == b.second))
            out.push_back("changed: " + b.first);
    }
    for (const auto& a : after)
        if (!before.count(a.first))
            out.push_back("created: " + a.first);
    return out;
}

std::string join(const std::vector< std::string >& lines)
{
    std::string out;
    for (const std::string& l : lines)
        out += l + "; ";
    return out;
}

// ---- symlinks planted at the names the library will try -------------------

//! Hands out the names the test planted symlinks at, then fresh names; counts
//! its calls. Stateless as a type (the library default-constructs it), so the
//! plan lives in static storage -- these tests are single-threaded.
struct planted_names
{
    static std::vector< std::string >& plan()
    {
        static std::vector< std::string > names;
        return names;
    }
    static unsigned& calls()
    {
        static unsigned n = 0;
        return n;
    }
    static void reset(std::vector< std::string > names)
    {
        plan() = std::move(names);
        calls() = 0;
    }

    void generate(const tf::options&, std::string& name) const
    {
        const unsigned i = calls()++;
        name = i < plan().size() ? plan()[i] : "fresh-" + std::to_string(i);
    }
};

//! A scratch area with an outside directory (a file worth stealing), an
//! attacker-controlled directory, and a creation directory seeded with
//! symlinks at every name planted_names will hand out first.
struct planted_arena
{
    scratch_dir scratch;
    fs::path outside = scratch.path / "outside";
    fs::path attacker = scratch.path / "attacker";
    fs::path work = scratch.path / "work";
    snapshot outside_before, attacker_before;

    // Planted at the names tried first: each must make creation move on.
    std::vector< std::pair< std::string, fs::path > > links() const
    {
        return {
            {"to_outside_file", outside / "secret"},         // follow it and the secret is overwritten
            {"to_missing_target", outside / "missing"},      // follow it and a file appears outside
            {"dangling_relative", "../outside/missing-rel"}, // the same, by a relative target
            {"dangling_in_attacker_dir", attacker / "catch"}, // the attacker would get the file
            {"to_outside_dir", outside},                      // follow it and we create inside outside/
        };
    }

    planted_arena()
    {
        fs::create_directory(outside);
        fs::create_directory(attacker);
        fs::create_directory(work);
        ::chmod(attacker.c_str(), 0777);
        BOOST_REQUIRE(write_new_file(outside / "secret", "secret content\n"));
        ::chmod((outside / "secret").c_str(), 0644);
        std::vector< std::string > names;
        for (const auto& l : links())
        {
            BOOST_REQUIRE(::symlink(l.second.c_str(), (work / l.first).c_str()) == 0);
            names.push_back(l.first);
        }
        planted_names::reset(names);
        outside_before = take_snapshot(outside);
        attacker_before = take_snapshot(attacker);
    }

    //! Everything that went wrong after a creation that returned `made`.
    std::vector< std::string > violations(const fs::path& made, bool want_directory) const
    {
        std::vector< std::string > v;
        for (const std::string& d : differences(outside_before, take_snapshot(outside)))
            v.push_back("outside " + d);
        for (const std::string& d : differences(attacker_before, take_snapshot(attacker)))
            v.push_back("attacker dir " + d);
        for (const auto& l : links())
            if (!is_symlink_to(work / l.first, l.second))
                v.push_back("planted link replaced or removed: " + l.first);
        if (present(outside / "missing") || present(outside / "missing-rel") || present(attacker / "catch"))
            v.push_back("a file was created at a dangling link's target");
        const std::string expected_name = "fresh-" + std::to_string(links().size());
        if (made.filename() != expected_name)
            v.push_back("created " + made.string() + ", expected the first free name " + expected_name);
        if (planted_names::calls() != links().size() + 1)
            v.push_back("naming policy called " + std::to_string(planted_names::calls()) + " times, expected " +
                        std::to_string(links().size() + 1));
        struct stat st;
        if (::lstat(made.c_str(), &st) != 0)
            v.push_back("created object missing: " + made.string());
        else if (want_directory ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
            v.push_back("created object has the wrong type: " + made.string());
        return v;
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(named_temp_file_never_follows_a_symlink_planted_at_its_name)
{
    fd_leak_check leaks;
    planted_arena arena;
    tf::basic_named_temp_file< tf::delete_on_close, planted_names > f(tf::options().dir(arena.work));
    f.stream() << "written through the library" << std::flush;
    const auto v = arena.violations(f.path(), false);
    BOOST_TEST(v.empty(), join(v));
    BOOST_TEST(read_file(f.path()) == "written through the library");
}

BOOST_AUTO_TEST_CASE(make_temp_file_never_follows_a_symlink_planted_at_its_name)
{
    fd_leak_check leaks;
    planted_arena arena;
    tf::created_file made = tf::make_temp_file< planted_names >(tf::options().dir(arena.work));
    BOOST_TEST(::write(made.handle, "x", 1) == 1);
    ::close(made.handle);
    const auto v = arena.violations(made.path, false);
    BOOST_TEST(v.empty(), join(v));
}

BOOST_AUTO_TEST_CASE(temp_dir_never_follows_a_symlink_planted_at_its_name)
{
    fd_leak_check leaks;
    planted_arena arena;
    tf::basic_temp_dir< tf::recursive_remove, planted_names > d(tf::options().dir(arena.work));
    BOOST_TEST(write_new_file(d.native_handle(), "inside", "x"));
    const auto v = arena.violations(d.path(), true);
    BOOST_TEST(v.empty(), join(v));
    d.remove();
    // The removal takes the directory only, never a planted link or its target.
    std::vector< std::string > after;
    for (const auto& l : arena.links())
        if (!is_symlink_to(arena.work / l.first, l.second))
            after.push_back(l.first);
    BOOST_TEST(after.empty(), "links gone after removal: " << join(after));
    BOOST_TEST(differences(arena.outside_before, take_snapshot(arena.outside)).empty());
}

BOOST_AUTO_TEST_CASE(make_temp_dir_never_follows_a_symlink_planted_at_its_name)
{
    fd_leak_check leaks;
    planted_arena arena;
    const fs::path made = tf::make_temp_dir< planted_names >(tf::options().dir(arena.work));
    const auto v = arena.violations(made, true);
    BOOST_TEST(v.empty(), join(v));
    BOOST_TEST(test_support::mode_of(made) == 0700u);
}

// The checks above can fail: two naive creators, run through the same
// planted names, are caught. One opens without O_EXCL and writes through
// the link to the outside file; one asks "does it exist?" by following the
// link and then creates at a dangling link's target.
BOOST_AUTO_TEST_CASE(planted_symlink_checks_catch_creators_that_follow_links)
{
    {
        planted_arena arena;
        planted_names naming;
        std::string name;
        naming.generate(tf::options(), name);
        const fs::path p = arena.work / name;
        const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        BOOST_REQUIRE(fd >= 0);
        BOOST_REQUIRE(::write(fd, "stolen", 6) == 6);
        ::close(fd);
        const auto v = arena.violations(p, false);
        BOOST_TEST(!v.empty(), "a creator that writes through a planted link went unnoticed");
        BOOST_TEST_MESSAGE("naive O_TRUNC creator caught: " << join(v));
    }
    {
        planted_arena arena;
        planted_names naming;
        fs::path p;
        for (;;)
        {
            std::string name;
            naming.generate(tf::options(), name);
            p = arena.work / name;
            if (::access(p.c_str(), F_OK) != 0) // follows the link: a dangling one looks free
                break;
        }
        const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        BOOST_REQUIRE(fd >= 0);
        ::close(fd);
        const auto v = arena.violations(p, false);
        BOOST_TEST(!v.empty(), "a creator that follows a dangling planted link went unnoticed");
        BOOST_TEST_MESSAGE("naive exists-then-create creator caught: " << join(v));
    }
}

// ---- a subdirectory swapped with a symlink during removal -----------------

namespace {

// Small enough that 2000 rounds fit the suite on a slow disk (a mkdir and
// an rmdir cost milliseconds on this CI's ext4), large enough that the
// remover spends its time in many directories and files.
constexpr int race_subdirs = 4;
constexpr int race_files = 20;
constexpr int race_nested_files = 4;

std::string numbered(const char* stem, int i)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%02d", stem, i);
    return buf;
}

//! race_subdirs directories of race_files files each under dirfd, and a
//! nested directory in the one to be attacked (so that a remover inside it
//! has two levels to climb back out of a directory moved away). File names are the same as the outside
//! sentinels', so a remover that resolves a path through the swapped-in
//! symlink deletes a sentinel. The files are hard links to `stock` (in
//! stockfd): a link costs far less than a new inode, and the remover
//! unlinks names either way.
void fill_race_tree(int dirfd, int stockfd, int attacked, int subdirs = race_subdirs)
{
    for (int d = 0; d < subdirs; ++d)
    {
        const std::string dname = numbered("d", d);
        BOOST_REQUIRE(::mkdirat(dirfd, dname.c_str(), 0700) == 0);
        const int sub = ::openat(dirfd, dname.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        BOOST_REQUIRE(sub >= 0);
        for (int f = 0; f < race_files; ++f)
            BOOST_REQUIRE(::linkat(stockfd, "stock", sub, numbered("f", f).c_str(), 0) == 0);
        if (d != attacked)
        {
            ::close(sub);
            continue;
        }
        BOOST_REQUIRE(::mkdirat(sub, "n", 0700) == 0);
        const int nested = ::openat(sub, "n", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        BOOST_REQUIRE(nested >= 0);
        for (int f = 0; f < race_nested_files; ++f)
            BOOST_REQUIRE(::linkat(stockfd, "stock", nested, numbered("f", f).c_str(), 0) == 0);
        ::close(nested);
        ::close(sub);
    }
}

int exchange_names(const std::string& a, const std::string& b)
{
    return static_cast< int >(::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE));
}

//! Keeps exchanging a directory of the tree with a symlink to the outside
//! directory until told to stop or until one of the two names is gone (the
//! remover took it). By default the symlink is in place most of the time:
//! it dwells there, and the directory is back only between two exchanges.
class swapper
{
public:
    swapper(std::string in_tree, std::string link, int link_dwell_us = 15, int dir_dwell_us = 0)
        : in_tree_(std::move(in_tree)), link_(std::move(link)), link_dwell_(link_dwell_us), dir_dwell_(dir_dwell_us)
    {
    }

    void start()
    {
        thread_ = std::thread([this] { run(); });
        while (!armed_.load())
            std::this_thread::yield();
    }

    long stop()
    {
        stop_.store(true);
        thread_.join();
        return swaps_;
    }

private:
    void run()
    {
        while (!stop_.load(std::memory_order_relaxed))
        {
            if (exchange_names(in_tree_, link_) != 0) // the symlink goes into the tree
                break;
            spin(link_dwell_);
            if (exchange_names(in_tree_, link_) != 0) // the directory comes back
                break;
            ++swaps_;
            armed_.store(true);
            spin(dir_dwell_);
        }
        armed_.store(true);
    }

    static void spin(int microseconds)
    {
        const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(microseconds);
        while (std::chrono::steady_clock::now() < until)
        {
        }
    }

    std::string in_tree_, link_;
    int link_dwell_, dir_dwell_;
    std::thread thread_;
    std::atomic< bool > stop_{false}, armed_{false};
    long swaps_ = 0;
};

//! The outside directory (the symlink's target, holding sentinels named
//! like the tree's files) and the attacker's directory (where the swapped
//! directory lives while the symlink is in the tree: its ".." leads there,
//! so it holds sentinels too).
struct race_arena
{
    scratch_dir scratch;
    fs::path outside = scratch.path / "outside";
    fs::path attacker = scratch.path / "attacker";
    fs::path work = scratch.path / "work";
    fs::path link = attacker / "link";
    fs::path stock = scratch.path / "stock";
    int stockfd = -1;
    snapshot outside_before, attacker_before;

    race_arena()
    {
        fs::create_directory(stock);
        BOOST_REQUIRE(write_new_file(stock / "stock", "tree"));
        stockfd = ::open(stock.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        BOOST_REQUIRE(stockfd >= 0);
        fs::create_directory(outside);
        fs::create_directory(outside / "n");
        fs::create_directory(attacker);
        fs::create_directory(attacker / "n");
        fs::create_directory(work);
        for (int f = 0; f < race_files; ++f)
        {
            BOOST_REQUIRE(write_new_file(outside / numbered("f", f), "outside sentinel"));
            BOOST_REQUIRE(write_new_file(attacker / numbered("f", f), "attacker sentinel"));
        }
        for (int f = 0; f < race_nested_files; ++f)
        {
            BOOST_REQUIRE(write_new_file(outside / "n" / numbered("f", f), "outside sentinel"));
            BOOST_REQUIRE(write_new_file(attacker / "n" / numbered("f", f), "attacker sentinel"));
        }
        reset_link();
        outside_before = take_snapshot(outside);
        attacker_before = take_snapshot(attacker, {"link"});
    }
    ~race_arena() { ::close(stockfd); }
    race_arena(const race_arena&) = delete;
    race_arena& operator=(const race_arena&) = delete;

    //! Puts the symlink back (a round may leave the swapped directory there).
    void reset_link()
    {
        boost::system::error_code ec;
        fs::remove_all(link, ec);
        BOOST_REQUIRE(::symlink(outside.c_str(), link.c_str()) == 0);
    }

    std::vector< std::string > damage() const
    {
        std::vector< std::string > v;
        for (const std::string& d : differences(outside_before, take_snapshot(outside)))
            v.push_back("outside " + d);
        for (const std::string& d : differences(attacker_before, take_snapshot(attacker, {"link"})))
            v.push_back("attacker dir " + d);
        return v;
    }

    //! Clears the creation directory between rounds (no attacker running).
    void clear_work()
    {
        for (fs::directory_iterator it(work), end; it != end; ++it)
            fs::remove_all(it->path());
    }
};

int race_rounds()
{
    const char* env = std::getenv("TEMPFILE_RACE_ROUNDS");
    const int n = env ? std::atoi(env) : 0;
    return n > 0 ? n : 2000;
}

//! What a careless rm -rf does: lstat, then opendir and unlink by path.
void naive_remove_all(const std::string& p)
{
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode))
    {
        ::unlink(p.c_str());
        return;
    }
    if (DIR* d = ::opendir(p.c_str()))
    {
        std::vector< std::string > names;
        while (struct dirent* e = ::readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                names.push_back(e->d_name);
        ::closedir(d);
        for (const std::string& n : names)
            naive_remove_all(p + "/" + n);
    }
    ::rmdir(p.c_str());
}

} // namespace

BOOST_AUTO_TEST_CASE(removal_is_never_redirected_by_a_subdirectory_swapped_with_a_symlink)
{
    fd_leak_check leaks;
    race_arena arena;
    const int rounds = race_rounds();
    long swaps = 0;
    int incomplete = 0;
    const auto start = std::chrono::steady_clock::now();
    int round = 0;
    for (; round < rounds; ++round)
    {
        std::optional< tf::temp_dir<> > dir(std::in_place, tf::options().dir(arena.work));
        fill_race_tree(dir->native_handle(), arena.stockfd, round % race_subdirs);
        const fs::path top = dir->path();
        swapper attacker((top / numbered("d", round % race_subdirs)).string(), arena.link.string());
        attacker.start();
        dir.reset(); // the destructor removes the tree while the attack goes on
        swaps += attacker.stop();

        const auto damage = arena.damage();
        if (!damage.empty())
        {
            BOOST_ERROR("round " << round << ": the removal reached outside the tree: " << join(damage));
            break;
        }
        incomplete += present(top) ? 1 : 0;
        arena.clear_work();
        arena.reset_link();
    }
    const double seconds = std::chrono::duration< double >(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST_MESSAGE("swap race: " << round << " rounds, " << swaps << " swaps, " << incomplete
                                      << " rounds left the top directory behind (the attacker held a name in it), " << seconds
                                      << " s");
}

namespace {

//! Fills the descriptor table, then gives back exactly `spare` slots, so
//! that the remover must let go of ancestors' descriptors and find them
//! again through ".." of their children.
class descriptor_squeeze
{
public:
    explicit descriptor_squeeze(int spare)
    {
        for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;)
            held_.push_back(fd);
        for (int i = 0; i < spare && !held_.empty(); ++i)
        {
            ::close(held_.back());
            held_.pop_back();
        }
    }
    ~descriptor_squeeze()
    {
        for (int fd : held_)
            ::close(fd);
    }
    descriptor_squeeze(const descriptor_squeeze&) = delete;
    descriptor_squeeze& operator=(const descriptor_squeeze&) = delete;

private:
    std::vector< int > held_;
};

} // namespace

// The walk holds a bounded number of descriptors; an ancestor let go is
// found again through ".." of its child. Here the child (d00/n) is the
// directory the attacker keeps moving into its own directory, whose ".."
// is the attacker's: a remover that trusted ".." would take the attacker's
// directory for d00 and empty it. With three spare descriptors the walk
// lets d00 go as soon as it enters d00/n/m, so every round climbs back
// through "..". Runs in a child (its own descriptor limit); exit codes:
// 1 damage outside, 2 the attacker never caught the remover inside d00/n.
BOOST_AUTO_TEST_CASE(removal_climbing_back_through_dotdot_is_never_redirected_by_a_directory_moved_away)
{
    fd_leak_check leaks;
    race_arena arena;
    const int rounds = std::max(race_rounds() / 4, 1);
    const fs::path stats = arena.scratch.path / "stats";
    const auto start = std::chrono::steady_clock::now();
    const int code = test_support::run_in_child([&]() -> int {
        ::alarm(600); // a stuck remover fails the test instead of hanging the suite
        const struct rlimit limit{64, 64};
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            return 3;
        int caught_inside = 0, reported = 0;
        for (int round = 0; round < rounds; ++round)
        {
            std::optional< tf::temp_dir<> > dir(std::in_place, tf::options().dir(arena.work));
            fill_race_tree(dir->native_handle(), arena.stockfd, 0, 1);
            const int n = ::openat(dir->native_handle(), "d00/n", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            const int m = ::mkdirat(n, "m", 0700) == 0 ? ::openat(n, "m", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
            for (int f = 0; f < race_nested_files && m >= 0; ++f)
                ::linkat(arena.stockfd, "stock", m, numbered("f", f).c_str(), 0);
            ::close(m);
            ::close(n);
            const fs::path top = dir->path();
            // Even time in and out: the remover must find n in place to enter
            // it, and gone when it climbs back.
            swapper attacker((top / "d00" / "n").string(), arena.link.string(), 10, 10);
            attacker.start();
            {
                descriptor_squeeze squeeze(3);
                boost::system::error_code ec;
                dir->remove(ec);
                reported += ec ? 1 : 0;
            }
            attacker.stop();
            // n left behind without m, wherever the attacker's last exchange
            // put it: the remover was inside n when n was swapped away. Looked
            // at before the destructor, which tries a failed removal again.
            for (const fs::path& n_now : {top / "d00" / "n", arena.link})
            {
                struct stat st;
                if (::lstat(n_now.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && !present(n_now / "m"))
                    ++caught_inside;
            }
            dir.reset();

            const auto damage = arena.damage();
            if (!damage.empty())
            {
                std::fprintf(stderr, "round %d: the removal reached outside the tree: %s\n", round,
                             join(damage).c_str());
                return 1;
            }
            arena.clear_work();
            arena.reset_link();
        }
        if (FILE* out = std::fopen(stats.c_str(), "w"))
        {
            std::fprintf(out, "%d rounds: the directory moved away while the remover was inside it in %d, "
                              "remove() reported an error in %d",
                         rounds, caught_inside, reported);
            std::fclose(out);
        }
        return caught_inside > 0 ? 0 : 2;
    });
    BOOST_TEST(code == 0, "child exit code " << code << " (1 damage outside the tree, 2 attack never landed, 142 timed out)");
    BOOST_TEST_MESSAGE("dotdot race: " << read_file(stats) << "; "
                                       << std::chrono::duration< double >(std::chrono::steady_clock::now() - start).count()
                                       << " s");
}

// The attack is real: the same attacker fools a path-based remover within a
// few rounds (it deletes sentinels through the swapped-in symlink).
BOOST_AUTO_TEST_CASE(swap_attack_fools_a_naive_path_based_remover)
{
    race_arena arena;
    int fooled_at = -1;
    for (int round = 0; round < 200 && fooled_at < 0; ++round)
    {
        const fs::path top = arena.work / ("naive" + std::to_string(round));
        fs::create_directory(top);
        const int fd = ::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        BOOST_REQUIRE(fd >= 0);
        fill_race_tree(fd, arena.stockfd, round % race_subdirs);
        ::close(fd);
        swapper attacker((top / numbered("d", round % race_subdirs)).string(), arena.link.string());
        attacker.start();
        naive_remove_all(top.string());
        attacker.stop();
        if (!arena.damage().empty())
            fooled_at = round;
        arena.clear_work();
        arena.reset_link();
    }
    BOOST_TEST(fooled_at >= 0, "the swap attacker never fooled a naive remover: the attack proves nothing");
    BOOST_TEST_MESSAGE("naive remover fooled in round " << fooled_at);
}

// ---- the top directory replaced before the owner ends ---------------------

namespace {

void fill_small_tree(int dirfd)
{
    BOOST_REQUIRE(write_new_file(dirfd, "secret", "ours"));
    BOOST_REQUIRE(::mkdirat(dirfd, "sub", 0700) == 0);
    const int sub = ::openat(dirfd, "sub", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    BOOST_REQUIRE(sub >= 0);
    BOOST_REQUIRE(write_new_file(sub, "secret", "ours"));
    ::close(sub);
}

//! A directory named like fill_small_tree's content, to be left alone.
void fill_decoy(const fs::path& p)
{
    fs::create_directories(p / "sub");
    BOOST_REQUIRE(write_new_file(p / "secret", "not yours"));
    BOOST_REQUIRE(write_new_file(p / "sub" / "secret", "not yours"));
}

} // namespace

BOOST_AUTO_TEST_CASE(replaced_top_directory_symlink_and_its_target_are_left_untouched)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path outside = scratch.path / "outside";
    fill_decoy(outside);
    const snapshot outside_before = take_snapshot(outside);
    fs::path top;
    {
        tf::temp_dir<> dir(tf::options().dir(scratch.path));
        top = dir.path();
        fill_small_tree(dir.native_handle());
        BOOST_REQUIRE(::rename(top.c_str(), (scratch.path / "moved").c_str()) == 0);
        BOOST_REQUIRE(::symlink(outside.c_str(), top.c_str()) == 0);
    }
    BOOST_TEST(is_symlink_to(top, outside), "the symlink put at the directory's name was removed or changed");
    const auto d = differences(outside_before, take_snapshot(outside));
    BOOST_TEST(d.empty(), "the symlink's target was changed: " << join(d));
}

BOOST_AUTO_TEST_CASE(replaced_top_directory_symlink_to_the_moved_directory_is_left_untouched)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path moved = scratch.path / "moved";
    fs::path top;
    {
        tf::temp_dir<> dir(tf::options().dir(scratch.path));
        top = dir.path();
        fill_small_tree(dir.native_handle());
        BOOST_REQUIRE(::rename(top.c_str(), moved.c_str()) == 0);
        BOOST_REQUIRE(::symlink(moved.c_str(), top.c_str()) == 0);
    }
    BOOST_TEST(is_symlink_to(top, moved), "the symlink put at the directory's name was removed or changed");
}

BOOST_AUTO_TEST_CASE(replaced_top_directory_other_directory_is_left_untouched)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path top;
    snapshot decoy_before;
    {
        tf::temp_dir<> dir(tf::options().dir(scratch.path));
        top = dir.path();
        fill_small_tree(dir.native_handle());
        BOOST_REQUIRE(::rename(top.c_str(), (scratch.path / "moved").c_str()) == 0);
        fill_decoy(top);
        decoy_before = take_snapshot(top);
    }
    const auto d = differences(decoy_before, take_snapshot(top));
    BOOST_TEST(d.empty(), "the directory put at the name was changed: " << join(d));
}

// Empty, so that a plain rmdir by name would take it: only the identity
// check (device, inode) tells it from the directory that was made.
BOOST_AUTO_TEST_CASE(replaced_top_directory_empty_directory_is_left_in_place)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path top;
    struct stat decoy;
    {
        tf::temp_dir<> dir(tf::options().dir(scratch.path));
        top = dir.path();
        fill_small_tree(dir.native_handle());
        BOOST_REQUIRE(::rename(top.c_str(), (scratch.path / "moved").c_str()) == 0);
        BOOST_REQUIRE(::mkdir(top.c_str(), 0700) == 0);
        BOOST_REQUIRE(::lstat(top.c_str(), &decoy) == 0);
    }
    struct stat after;
    const bool present = ::lstat(top.c_str(), &after) == 0;
    BOOST_TEST(present, "the empty directory put at the name was removed");
    if (present)
        BOOST_TEST(after.st_ino == decoy.st_ino);
}

BOOST_AUTO_TEST_CASE(remove_reports_a_replaced_top_directory_with_its_path_and_leaves_it)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::temp_dir<> dir(tf::options().dir(scratch.path));
    const fs::path top = dir.path();
    fill_small_tree(dir.native_handle());
    BOOST_REQUIRE(::rename(top.c_str(), (scratch.path / "moved").c_str()) == 0);
    fill_decoy(top);
    const snapshot decoy_before = take_snapshot(top);
    bool reported = false;
    try
    {
        dir.remove();
    }
    catch (const fs::filesystem_error& e)
    {
        reported = true;
        BOOST_TEST(e.path1() == top);
        BOOST_TEST(e.code().value() != 0);
    }
    BOOST_TEST(reported, "remove() said nothing about a name that now means another directory");
    const auto d = differences(decoy_before, take_snapshot(top));
    BOOST_TEST(d.empty(), "the directory put at the name was changed: " << join(d));
}

// ---- another process deleting everything meanwhile ------------------------

namespace {

//! What a tmp cleaner does: list, unlink by path, remove directories by path.
class concurrent_deleter
{
public:
    explicit concurrent_deleter(fs::path dir) : dir_(std::move(dir))
    {
        thread_ = std::thread([this] { run(); });
    }
    long stop()
    {
        stop_.store(true);
        thread_.join();
        return removed_;
    }

private:
    void run()
    {
        while (!stop_.load(std::memory_order_relaxed))
        {
            struct dirent** list = nullptr;
            const int n = ::scandir(dir_.c_str(), &list, nullptr, nullptr);
            for (int i = 0; i < n; ++i)
            {
                const char* name = list[i]->d_name;
                if (std::strcmp(name, ".") != 0 && std::strcmp(name, "..") != 0)
                {
                    const std::string p = dir_.string() + "/" + name;
                    if (::unlink(p.c_str()) == 0)
                        ++removed_;
                    else if (errno == EISDIR || errno == EPERM)
                    {
                        naive_remove_all(p);
                        ++removed_;
                    }
                }
                std::free(list[i]);
            }
            std::free(list);
        }
    }

    fs::path dir_;
    std::thread thread_;
    std::atomic< bool > stop_{false};
    long removed_ = 0;
};

struct churn_report
{
    std::mutex lock;
    std::vector< std::string > bad; // anything but a clean filesystem_error
    long clean_errors = 0;
    std::vector< std::string > samples; // of the clean errors, for the log

    void filesystem_error(const fs::filesystem_error& e, const fs::path& dir)
    {
        std::lock_guard< std::mutex > guard(lock);
        const std::string p = e.path1().string();
        if (!e.code() || p.empty() || p.compare(0, dir.string().size(), dir.string()) != 0)
            bad.push_back(std::string("unclean filesystem_error: ") + e.what());
        else if (++clean_errors <= 3)
            samples.push_back(e.what());
    }
    void other(const std::string& what)
    {
        std::lock_guard< std::mutex > guard(lock);
        bad.push_back(what);
    }
};

void churn(const fs::path& dir, int iterations, churn_report& report)
{
    const tf::options opts = tf::options().dir(dir);
    const std::string payload(3000, 'p');
    for (int i = 0; i < iterations; ++i)
    {
        try
        {
            switch (i % 4)
            {
            case 0: {
                tf::named_temp_file<> f(opts);
                f.stream() << payload << std::flush;
                f.stream().seekg(0);
                std::string back;
                f.stream() >> back;
                if (back != payload)
                    report.other("named_temp_file read back something else");
                if (i % 8 == 0)
                    f.close();
                break;
            }
            case 1: {
                tf::named_temp_file< tf::delete_on_destroy > f(opts);
                f.stream() << payload;
                f.close();
                break;
            }
            case 2: {
                tf::temp_dir<> d(opts);
                write_new_file(d.native_handle(), "a", payload); // may fail: the deleter got there first
                if (::mkdirat(d.native_handle(), "sub", 0700) == 0)
                {
                    const int sub = ::openat(d.native_handle(), "sub", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                    if (sub >= 0)
                    {
                        write_new_file(sub, "b", payload);
                        ::close(sub);
                    }
                }
                if (i % 8 == 2)
                    d.remove();
                break;
            }
            default: {
                tf::temp_file t(opts);
                t.stream() << payload << std::flush;
                t.stream().seekg(0);
                std::string back;
                t.stream() >> back;
                if (back != payload)
                    report.other("temp_file read back something else");
                break;
            }
            }
        }
        catch (const fs::filesystem_error& e)
        {
            report.filesystem_error(e, dir);
        }
        catch (const std::exception& e)
        {
            report.other(std::string("unexpected exception: ") + e.what());
        }
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(concurrent_deleter_causes_no_crash_no_unclean_error_and_no_leak)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    churn_report report;
    constexpr int per_thread = 3000;
    long removed = 0;
    {
        concurrent_deleter deleter(scratch.path);
        std::thread second([&] { churn(scratch.path, per_thread, report); });
        churn(scratch.path, per_thread, report);
        second.join();
        removed = deleter.stop();
    }
    BOOST_TEST(report.bad.empty(), join(report.bad));
    BOOST_TEST(removed > 0, "the deleter never removed anything: the test proves nothing");
    BOOST_TEST_MESSAGE("concurrent deleter: " << 2 * per_thread << " objects, " << removed
                                              << " entries deleted under them, " << report.clean_errors
                                              << " clean filesystem_errors (" << join(report.samples) << ")");
}
