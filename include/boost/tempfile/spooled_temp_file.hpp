// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_SPOOLED_TEMP_FILE_HPP
#define BOOST_TEMPFILE_SPOOLED_TEMP_FILE_HPP
#pragma once

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/platform.hpp>

// A temporary file that lives in memory until it grows past a threshold
// (Python's SpooledTemporaryFile). Up to max_size bytes stay in memory; the
// write that would make the data longer rolls it over into an anonymous file
// (as temp_file makes one, in options().dir()) or, when asked, into a Linux
// memfd. On Windows the anonymous file is a FILE_ATTRIBUTE_TEMPORARY |
// FILE_FLAG_DELETE_ON_CLOSE file, which the cache manager keeps in memory as
// long as it can, so both targets mean that file there. Truncating past max_size and asking for native_handle() roll over
// too. Seeking alone never does: a seek past the threshold rolls over at the
// next write, and the gap reads back as zeros.
//
// stream() is one std::iostream for the object's whole life: its buffer
// switches from memory to the file underneath, so references to it stay
// valid and its position, state and formatting carry over. Before and after,
// it behaves as a file: one position shared by reading and writing, seeks
// past the end allowed.
//
// A rollover that fails (ENOSPC, EMFILE, ...) loses nothing: the data stays
// in memory, the write that needed the rollover fails (badbit), and close()
// reports the error with the directory. Move-only; moves keep the stream.
//
// max_size 0 keeps nothing in memory: the first byte written rolls over.
// never_roll_over is Python's SpooledTemporaryFile() (whose max_size=0 means
// "no limit"): no size rolls over, only rollover(), native_handle(), and a
// size memory cannot hold (more than physical memory, or an allocation that
// fails) -- memory never holds more than the machine has.
//
// In a process forked from the creator the object is inert (the fork rule
// of decisions.md): its stream fails, close() and the destructor close the
// child's descriptor without writing the parent's buffered data, and
// rollover(), size(), truncate() fail with operation_not_permitted.

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/spooled_buffer.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/temp_file.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <cstddef>
#include <cstdint>
#include <ios>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace boost {
namespace tempfile {

//! A max_size meaning "never roll over on size": the C++ spelling of Python's
//! SpooledTemporaryFile() (max_size=0 there; max_size 0 here keeps nothing).
constexpr std::size_t never_roll_over = (std::numeric_limits< std::size_t >::max)();

//! What a spooled file rolls over into.
enum class spool_target
{
    //! An anonymous file in options().dir() (temp_directory_path() when
    //! empty): O_TMPFILE where it works, else created and unlinked at once.
    file,
    //! A memfd named after options().prefix(), given the permission policy's
    //! file mode. Where memfd_create does not exist (ENOSYS: other systems,
    //! kernels before 3.17) an anonymous file as with `file`. On Windows,
    //! which has no memfd, the same file as `file`: that one is already made
    //! FILE_ATTRIBUTE_TEMPORARY (kept in memory while the cache has room).
    memory_file
};

template< typename Naming = random_name<>, typename Permissions = owner_only, typename Platform = native_platform >
class basic_spooled_temp_file
{
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_permissions< Permissions >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::spooled_temp_file";

    using stream_type = detail::spooled_stream< Naming, Permissions, Platform >;

public:
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename Platform::native_handle_type;

    //! Keeps up to max_size bytes in memory, then rolls over into an
    //! anonymous file in opts.dir(). Nothing is created yet; a prefix or
    //! suffix that could never make a name throws filesystem_error now.
    explicit basic_spooled_temp_file(std::size_t max_size, const options& opts = options())
    {
        create(max_size, spool_target::file, opts, nullptr);
    }

    //! As above, rolling over into `target`.
    basic_spooled_temp_file(std::size_t max_size, spool_target target, const options& opts = options())
    {
        create(max_size, target, opts, nullptr);
    }

    //! As above; on failure sets ec and leaves the object closed.
    basic_spooled_temp_file(std::size_t max_size, const options& opts, system::error_code& ec)
    {
        create(max_size, spool_target::file, opts, &ec);
    }
    basic_spooled_temp_file(std::size_t max_size, spool_target target, const options& opts, system::error_code& ec)
    {
        create(max_size, target, opts, &ec);
    }

    //! Owns nothing and creates nothing (`spooled_temp_file f(empty);`), to
    //! move a real one into later. is_open() is false, max_size() 0.
    explicit basic_spooled_temp_file(empty_t) noexcept {}

    basic_spooled_temp_file(basic_spooled_temp_file&&) noexcept = default;
    basic_spooled_temp_file& operator=(basic_spooled_temp_file&&) noexcept = default;
    basic_spooled_temp_file(const basic_spooled_temp_file&) = delete;
    basic_spooled_temp_file& operator=(const basic_spooled_temp_file&) = delete;

    //! Drops the memory or closes the file (whose storage goes with it).
    //! Never throws.
    ~basic_spooled_temp_file() = default;

    //! False once closed or moved from.
    bool is_open() const noexcept { return stream_ && !stream_->buffer().closed(); }

    //! Whether the data has moved out of memory (false once closed).
    bool rolled_over() const noexcept { return is_open() && stream_->buffer().rolled_over(); }

    //! The most bytes kept in memory.
    std::size_t max_size() const noexcept { return max_size_; }

    //! The stream, the same object before and after the rollover and for the
    //! object's whole life (moves take it along). Once the object is closed
    //! it stays, failed (badbit), and touches nothing; asked for on a closed
    //! or moved-from object it is returned failed too, without throwing
    //! (bad_alloc aside). In a forked child the stream is returned failed.
    std::iostream& stream()
    {
        if (!stream_)
        {
            stream_.reset(new stream_type(max_size_, detail::default_options(), false, who));
            stream_->buffer().close();
        }
        if (stream_->buffer().unusable())
            mark_failed();
        return *stream_;
    }

    //! Moves the data into the file now (Python's rollover()); nothing if
    //! done already. Throws filesystem_error naming the directory; on
    //! failure the data stays in memory.
    void rollover() { rollover_impl(nullptr); }
    void rollover(system::error_code& ec) { rollover_impl(&ec); }

    //! Rolls over (Python's fileno() does too), writes out what the stream
    //! buffers, puts the descriptor's offset at the stream's position, and
    //! returns the descriptor (a HANDLE on Windows), still owned by this
    //! object. -1 (INVALID_HANDLE_VALUE) when closed.
    native_handle_type native_handle() { return native_handle_impl(nullptr); }
    native_handle_type native_handle(system::error_code& ec) { return native_handle_impl(&ec); }

    //! Bytes of data (the file's size once rolled over, buffered writes
    //! included).
    std::uintmax_t size() const { return size_impl(nullptr); }
    std::uintmax_t size(system::error_code& ec) const { return size_impl(&ec); }

    //! Cuts or extends (with zeros) the data to n bytes; the position does
    //! not move. Past max_size() the data rolls over first.
    void truncate(std::uintmax_t n) { truncate_impl(n, nullptr); }
    void truncate(std::uintmax_t n, system::error_code& ec) { truncate_impl(n, &ec); }

    //! Cuts or extends the data at the stream's position (Python's
    //! truncate() without an argument); the position does not move. A
    //! position past the end extends the data with zeros, as a file's
    //! truncate does (Python's in-memory BytesIO would leave the size alone,
    //! its rolled-over file would not). Past max_size() the data rolls over
    //! first.
    void truncate() { truncate_here_impl(nullptr); }
    void truncate(system::error_code& ec) { truncate_here_impl(&ec); }

    //! Takes the data out of memory (Rust's into_inner() giving InMemory):
    //! exactly size() bytes; the object is left closed and its stream failed.
    //! Fails, changing nothing, with operation_not_supported once the data
    //! has rolled over (into_file() takes it then), with bad_file_descriptor
    //! when closed, with the error of an earlier failed write (its data is
    //! missing, so nothing is handed over; close() still reports it), and
    //! with operation_not_permitted in a forked child.
    [[nodiscard]] std::vector< char > into_buffer() { return into_buffer_impl(nullptr); }
    [[nodiscard]] std::vector< char > into_buffer(system::error_code& ec) { return into_buffer_impl(&ec); }

    //! Takes the file out (Rust's into_inner() giving OnDisk): rolls over
    //! first if the data is still in memory, writes out what the stream
    //! buffers, and hands the anonymous file over as a temp_file whose
    //! handle's offset is the stream's position; the object is left closed
    //! and its stream failed. Where the file never had a name (O_TMPFILE) the
    //! temp_file can persist() it. Fails, changing nothing (the data stays
    //! where it was), with the rollover's or the write's error, with
    //! bad_file_descriptor when closed, with the error of an earlier failed
    //! write (see into_buffer()), and with operation_not_permitted in a
    //! forked child.
    [[nodiscard]] basic_temp_file< Naming, Permissions, Platform > into_file() { return into_file_impl(nullptr); }
    [[nodiscard]] basic_temp_file< Naming, Permissions, Platform > into_file(system::error_code& ec)
    {
        return into_file_impl(&ec);
    }

    //! Drops the data and closes the file. Reports the first error the
    //! stream met (a rollover that failed inside a write, a failed write to
    //! the file) or the close's own. Again: does nothing.
    void close() { close_impl(nullptr); }
    void close(system::error_code& ec) { close_impl(&ec); }

    void swap(basic_spooled_temp_file& other) noexcept
    {
        stream_.swap(other.stream_);
        std::swap(max_size_, other.max_size_);
    }

private:
    void create(std::size_t max_size, spool_target target, const options& opts, system::error_code* ec)
    {
        max_size_ = max_size;
        if (!detail::check_options< Naming >(opts, who, ec) ||
            !detail::check_kind_options(opts, detail::creation_kind::spooled_file, who, nullptr, ec))
            return;
        stream_.reset(new stream_type(max_size, opts, target == spool_target::memory_file, who));
        detail::clear(ec);
    }

    void mark_failed() noexcept
    {
        BOOST_TRY
        {
            stream_->setstate(std::ios_base::badbit);
        }
        BOOST_CATCH(const std::ios_base::failure&) // exceptions(badbit): the state is set all the same
        {
        }
        BOOST_CATCH_END
    }

    bool check_open(const char* what, system::error_code* ec) const
    {
        if (is_open())
            return true;
        detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                       std::string(who) + what + ": the file is closed", filesystem::path(), ec);
        return false;
    }

    //! In a forked child: reports that the object is the creator's.
    bool refuse_in_child(const char* what, system::error_code* ec) const
    {
        if (!stream_->buffer().forked())
            return false;
        detail::report(detail::errc_code(system::errc::operation_not_permitted),
                       std::string(who) + what +
                           ": the object belongs to the process that created it (this is a forked child)",
                       filesystem::path(), ec);
        return true;
    }

    void rollover_impl(system::error_code* ec)
    {
        if (!check_open("::rollover", ec) || refuse_in_child("::rollover", ec))
            return;
        detail::spool_error err;
        if (stream_->buffer().rollover(err))
            detail::clear(ec);
        else
            err.raise(ec);
    }

    native_handle_type native_handle_impl(system::error_code* ec)
    {
        if (!is_open())
        {
            detail::clear(ec);
            return Platform::invalid_handle();
        }
        if (stream_->buffer().forked() && stream_->buffer().rolled_over())
        {
            // The child's copy, and nothing written out: the stream's buffered
            // data is the parent's to write.
            detail::clear(ec);
            return stream_->buffer().raw_handle();
        }
        if (refuse_in_child("::native_handle", ec)) // rolling over is the creator's to do
            return Platform::invalid_handle();
        detail::spool_error err;
        const native_handle_type fd = stream_->buffer().native_handle(err);
        if (fd == Platform::invalid_handle())
            err.raise(ec);
        else
            detail::clear(ec);
        return fd;
    }

    std::uintmax_t size_impl(system::error_code* ec) const
    {
        if (!check_open("::size", ec) || refuse_in_child("::size", ec))
            return 0;
        detail::spool_error err;
        std::uintmax_t n = 0;
        if (!stream_->buffer().size(n, err))
        {
            err.raise(ec);
            return 0;
        }
        detail::clear(ec);
        return n;
    }

    void truncate_impl(std::uintmax_t n, system::error_code* ec)
    {
        if (!check_open("::truncate", ec) || refuse_in_child("::truncate", ec))
            return;
        detail::spool_error err;
        if (stream_->buffer().truncate(n, err))
            detail::clear(ec);
        else
            err.raise(ec);
    }

    void truncate_here_impl(system::error_code* ec)
    {
        if (!check_open("::truncate", ec) || refuse_in_child("::truncate", ec))
            return;
        detail::spool_error err;
        std::uintmax_t here = 0;
        if (stream_->buffer().position_now(here, err) && stream_->buffer().truncate(here, err))
            detail::clear(ec);
        else
            err.raise(ec);
    }

    std::vector< char > into_buffer_impl(system::error_code* ec)
    {
        if (!check_open("::into_buffer", ec) || refuse_in_child("::into_buffer", ec))
            return std::vector< char >();
        if (stream_->buffer().rolled_over())
        {
            detail::report(detail::errc_code(system::errc::operation_not_supported),
                           std::string(who) + "::into_buffer: the data has rolled over into a file (into_file() "
                                              "takes it); nothing changed",
                           filesystem::path(), ec);
            return std::vector< char >();
        }
        if (const detail::spool_error lost = stream_->buffer().lost_data("::into_buffer"))
        {
            lost.raise(ec);
            return std::vector< char >();
        }
        std::vector< char > data = stream_->buffer().take_memory();
        mark_failed();
        detail::clear(ec);
        return data;
    }

    basic_temp_file< Naming, Permissions, Platform > into_file_impl(system::error_code* ec)
    {
        using file_type = basic_temp_file< Naming, Permissions, Platform >;
        if (!check_open("::into_file", ec) || refuse_in_child("::into_file", ec))
            return file_type(empty);
        if (const detail::spool_error lost = stream_->buffer().lost_data("::into_file"))
        {
            lost.raise(ec);
            return file_type(empty);
        }
        detail::spool_error err;
        detail::anonymous_kind kind = detail::anonymous_kind::none;
        const native_handle_type h = stream_->buffer().take_file(kind, err);
        if (h == Platform::invalid_handle())
        {
            err.raise(ec);
            return file_type(empty);
        }
        mark_failed();
        detail::clear(ec);
        return file_type(h, kind);
    }

    void close_impl(system::error_code* ec)
    {
        if (!is_open())
        {
            detail::clear(ec);
            return;
        }
        detail::spool_error err = stream_->buffer().close();
        mark_failed(); // the stream stays (references to it stay valid), failed from now on
        if (err)
            err.raise(ec);
        else
            detail::clear(ec);
    }

    // On the heap so that the stream, and the references to it that users
    // hold, survive moves of the owner.
    std::unique_ptr< stream_type > stream_;
    std::size_t max_size_ = 0;
};

template< typename N, typename P, typename Pl >
void swap(basic_spooled_temp_file< N, P, Pl >& a, basic_spooled_temp_file< N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: memory up to max_size bytes, then an anonymous 0600 file
//! in temp_directory_path().
using spooled_temp_file = basic_spooled_temp_file<>;

// With BOOST_TEMPFILE_SEPARATE_COMPILATION the default owner is compiled once,
// in libs/tempfile (see detail/config.hpp); nothing otherwise.
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, basic_spooled_temp_file<>)

} // namespace tempfile
} // namespace boost

#endif
