// Expected: static assertion failed: "boost::tempfile::random_name<Length>: Length must
// be at least 6 (30 bits): shorter names collide too often to be found by retrying"

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name< 3 > > file;
}
