// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Rust's
//     tempfile::Builder::new().make(|path| UnixListener::bind(path))
// Any kind of entry at a fresh name: your creator (here a Unix socket's
// bind, then a FIFO) runs on the library's names until one is free -- a
// name that exists, or where a socket is bound, is retried with another --
// and the returned temp_entry owns the name like a named_temp_file: it
// closes the handle your creator returned and removes the name at the end
// of its life. POSIX only (Unix sockets and FIFOs); on Windows a creator
// makes a lock file or a directory the same way.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

//! Binds a listening Unix socket at `path`: its descriptor, owned; the invalid one with ec.
tf::unique_handle listen_at(const fs::path& path, boost::system::error_code& ec)
{
    tf::unique_handle s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    ::sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (!s || path.native().size() >= sizeof address.sun_path)
    {
        ec.assign(s ? ENAMETOOLONG : errno, boost::system::system_category());
        return tf::unique_handle();
    }
    std::memcpy(address.sun_path, path.c_str(), path.native().size() + 1);
    if (::bind(s.get(), reinterpret_cast< const ::sockaddr* >(&address), sizeof address) != 0 || ::listen(s.get(), 8) != 0)
    {
        ec.assign(errno, boost::system::system_category()); // EADDRINUSE: the name is taken, another is tried
        return tf::unique_handle();
    }
    return s;
}

int main()
{
    fs::path socket_path;
    {
        tf::temp_entry<> server = tf::make_entry(listen_at, tf::options().prefix("server-").suffix(".sock"));
        socket_path = server.path();
        std::cout << "listening at " << socket_path.string() << " on descriptor " << server.native_handle() << '\n';

        // A FIFO: the creator returns bool, the entry holds no handle.
        tf::temp_entry<> fifo = tf::make_entry(
            [](const fs::path& path, boost::system::error_code& ec) {
                if (::mkfifo(path.c_str(), 0600) == 0)
                    return true;
                ec.assign(errno, boost::system::system_category());
                return false;
            },
            tf::options().suffix(".fifo"));
        std::cout << "FIFO at " << fifo.path().string() << '\n';
    } // the socket is closed, then both names are removed
    return fs::exists(fs::symlink_status(socket_path)) ? 1 : 0;
}
