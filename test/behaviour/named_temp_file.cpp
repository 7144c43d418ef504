// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// named_temp_file on every backend: where it is made, I/O through the stream
// and the native handle, what each cleanup policy removes and when, ownership
// moves, and name collisions. POSIX-only behaviour (open flags, modes, fork,
// exec, symlinks at the chosen name) is in test/run/named_temp_file.cpp; the
// Windows-only (DACLs, sharing, non-ASCII names) in test/windows/.

#define BOOST_TEST_MODULE behaviour_named_temp_file
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <climits>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

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

BOOST_AUTO_TEST_SUITE(creation)

BOOST_AUTO_TEST_CASE(default_construction_creates_in_temp_directory_path)
{
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(f.is_open());
    BOOST_TEST(f.native_handle() != no_handle());
    BOOST_TEST(f.path().is_absolute());
    BOOST_TEST(f.path().parent_path() == scratch.path);
    BOOST_TEST(name_of(f.path()).substr(0, 3) == "tmp");
    BOOST_TEST(handle_is(f.native_handle(), f.path()));
    BOOST_TEST(fs::is_regular_file(fs::symlink_status(f.path())));
}

BOOST_AUTO_TEST_CASE(error_code_form_clears_a_stale_error_on_success)
{
    case_dir scratch;
    handle_leak_check leak;
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    tf::named_temp_file<> f(tf::options().dir(scratch.path), ec);
    BOOST_TEST(!ec);
    BOOST_TEST(f.is_open());
    BOOST_TEST(fs::exists(f.path()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(io)

BOOST_AUTO_TEST_CASE(stream_write_seek_and_read_back)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "Hello, temporary world!\n"
               << "This is some sample data.\n"
               << 42;
    f.stream().seekg(0);
    std::string first, second;
    int n = 0;
    std::getline(f.stream(), first);
    std::getline(f.stream(), second);
    f.stream() >> n;
    BOOST_TEST(first == "Hello, temporary world!");
    BOOST_TEST(second == "This is some sample data.");
    BOOST_TEST(n == 42);
    // And the bytes are in the file itself, for anyone who opens the name.
    f.native_handle();
    BOOST_TEST(read_file(f.path()) == "Hello, temporary world!\nThis is some sample data.\n42");
}

BOOST_AUTO_TEST_CASE(large_stream_write_round_trips)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    std::string big(100000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast< char >('a' + i % 23);
    f.stream() << "head:";
    f.stream().write(big.data(), static_cast< std::streamsize >(big.size()));
    // Read back in one block (through the buffer) ...
    f.stream().seekg(0);
    std::string block(big.size() + 5, '\0');
    f.stream().read(&block[0], static_cast< std::streamsize >(block.size()));
    BOOST_TEST(f.stream().gcount() == static_cast< std::streamsize >(block.size()));
    BOOST_TEST((block == "head:" + big));
    // ... and character by character.
    f.stream().seekg(0);
    std::string back((std::istreambuf_iterator< char >(f.stream())), std::istreambuf_iterator< char >());
    BOOST_TEST((back == "head:" + big));
    BOOST_TEST(fs::file_size(f.path()) == big.size() + 5);
}

BOOST_AUTO_TEST_CASE(native_handle_flushes_the_stream_before_raw_writes)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "abc";
    const handle h = f.native_handle();
    BOOST_TEST_REQUIRE(write_handle(h, "def"));
    f.stream().seekg(0);
    std::string back;
    f.stream() >> back;
    BOOST_TEST(back == "abcdef");
    BOOST_TEST(read_file(f.path()) == "abcdef");
}

BOOST_AUTO_TEST_CASE(raw_writes_are_seen_by_the_stream)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST_REQUIRE(write_handle(f.native_handle(), "raw bytes"));
    f.stream().seekg(0);
    std::string a, b;
    f.stream() >> a >> b;
    BOOST_TEST(a == "raw");
    BOOST_TEST(b == "bytes");
}

BOOST_AUTO_TEST_CASE(native_handle_gives_back_what_the_stream_read_ahead)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST_REQUIRE(write_handle(f.native_handle(), "0123456789"));
    f.stream().seekg(0);
    BOOST_TEST(f.stream().get() == '0'); // the stream buffers all ten bytes
    const handle h = f.native_handle();
    BOOST_TEST(handle_offset(h) == 1);
    BOOST_TEST(read_handle(h, 9) == "123456789");
}

BOOST_AUTO_TEST_CASE(stream_position_follows_raw_writes_after_resync)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "one ";
    BOOST_TEST_REQUIRE(write_handle(f.native_handle(), "two "));
    f.stream().seekp(0, std::ios::end);
    f.stream() << "three";
    f.native_handle();
    BOOST_TEST(read_file(f.path()) == "one two three");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(delete_on_close_policy)

BOOST_AUTO_TEST_CASE(removed_on_destruction)
{
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    const handle h = f.native_handle();
    f.close();
    BOOST_TEST(!fs::exists(p));
    BOOST_TEST(!present(p));
    BOOST_TEST(!f.is_open());
    BOOST_TEST(!f.owns_name());
    BOOST_TEST(!handle_is_open(h));
    BOOST_TEST(f.native_handle() == no_handle());
}

BOOST_AUTO_TEST_CASE(close_is_idempotent_and_never_touches_a_later_file_of_the_same_name)
{
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "data";
    BOOST_TEST_REQUIRE(remove_file(f.path()));
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    f.close(ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(!f.is_open());
}

BOOST_AUTO_TEST_CASE(file_removed_by_hand_before_destruction_is_not_an_error)
{
    case_dir scratch;
    handle_leak_check leak;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        BOOST_TEST_REQUIRE(remove_file(f.path()));
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(throwing_close_removed_by_hand_does_not_throw)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST_REQUIRE(remove_file(f.path()));
    BOOST_CHECK_NO_THROW(f.close());
}

BOOST_AUTO_TEST_CASE(remove_removes_now)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file< tf::keep > f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    boost::system::error_code ec;
    f.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!fs::exists(p));
    BOOST_TEST(!f.is_open());
    // The throwing form, whatever the policy says, too.
    tf::named_temp_file< tf::keep > g(tf::options().dir(scratch.path));
    const fs::path q = g.path();
    g.remove();
    BOOST_TEST(!present(q));
    BOOST_TEST(!g.is_open());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(other_cleanup_policies)

BOOST_AUTO_TEST_CASE(delete_on_destroy_close_keeps_the_name_for_another_open)
{
    case_dir scratch;
    handle_leak_check leak;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
        p = f.path();
        f.stream() << "handed over";
        f.close();
        BOOST_TEST(!f.is_open());
        BOOST_TEST(fs::exists(p));
        // As another process would: open by name and find the contents.
        BOOST_TEST(read_file(p) == "handed over");
    }
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(delete_on_destroy_removed_on_destruction_without_close)
{
    case_dir scratch;
    handle_leak_check leak;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
        p = f.path();
    }
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(keep_policy_never_removes)
{
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
    tf::created_file made{no_handle(), fs::path()};
    fs::path original;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        original = f.path();
        f.stream() << "buffered";
        made = f.release();
        BOOST_TEST(f.path().empty());
        BOOST_TEST(!f.is_open());
        BOOST_TEST(!f.owns_name());
        BOOST_TEST(f.native_handle() == no_handle());
    }
    BOOST_TEST(made.path == original);
    BOOST_TEST(fs::exists(made.path));
    BOOST_TEST_REQUIRE(handle_is_open(made.handle));
    // What the stream buffered was written before the hand-over.
    BOOST_TEST(handle_contents(made.handle) == "buffered");
    BOOST_TEST(close_handle(made.handle));
    BOOST_TEST(read_file(made.path) == "buffered");
    fs::remove(made.path);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ownership)

BOOST_AUTO_TEST_CASE(move_construction_transfers_the_cleanup_once)
{
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
    std::optional< tf::named_temp_file<> > a(std::in_place, tf::options().dir(scratch.path));
    std::optional< tf::named_temp_file<> > b(std::in_place, tf::options().dir(scratch.path));
    const fs::path pa = a->path(), pb = b->path();
    const handle ha = a->native_handle();
    b->stream() << "moved";
    *a = std::move(*b);
    BOOST_TEST(!fs::exists(pa));
    BOOST_TEST(!handle_is_open(ha));
    BOOST_TEST(a->path() == pb);
    a->stream().seekg(0);
    std::string back;
    a->stream() >> back;
    BOOST_TEST(back == "moved");
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
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
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

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(names)

BOOST_AUTO_TEST_CASE(two_thousand_names_in_one_directory_are_distinct_and_all_removed)
{
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
    const fs::path taken = scratch.path / "taken";
    write_file(taken, "precious");
    const entry_state before = state_of(taken);
    scripted_name::script("taken", 3);
    {
        scripted_file f(tf::options().dir(scratch.path));
        BOOST_TEST(f.path() == scratch.path / "fresh-3");
        BOOST_TEST(scripted_name::calls == 4u);
        BOOST_TEST(fs::is_regular_file(f.path()));
    }
    BOOST_TEST(read_file(taken) == "precious");
    BOOST_TEST(state_of(taken) == before);
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(collision_with_existing_directory_moves_to_next_name)
{
    case_dir scratch;
    handle_leak_check leak;
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

BOOST_AUTO_TEST_CASE(exhausted_attempts_throw_file_exists_naming_directory_and_count)
{
    case_dir scratch;
    handle_leak_check leak;
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
    case_dir scratch;
    handle_leak_check leak;
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
