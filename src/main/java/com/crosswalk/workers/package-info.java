/**
 * The lookup's partitions on worker JVMs (Spring Batch remote partitioning): a manager hands a pass's partitions to
 * workers through an ActiveMQ Artemis queue, workers run them against the shared PostgreSQL database, and the manager
 * polls the job repository until they are done. Workers' heartbeats tell the manager which of them stopped.
 */
package com.crosswalk.workers;
