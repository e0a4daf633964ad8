CREATE DATABASE calsync_worker;
CREATE DATABASE calsync_availability;
